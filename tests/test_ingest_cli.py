"""Options shared between commands are declared once (fast, in-process)."""

from policystudy.workflow.cli import main


def test_domains_and_instruments_share_one_unit_option():
    unit = {
        name: next(p for p in main.commands[name].params if p.name == "unit")
        for name in ("domains", "instruments")
    }
    assert unit["domains"].to_info_dict() == unit["instruments"].to_info_dict()
    assert unit["domains"].to_info_dict()["type"]["choices"] == ("lines", "sentences")
