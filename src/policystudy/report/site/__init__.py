"""The findings site: the report as HTML, every table browsable, the notebooks, an explorer.

``policystudy run`` writes it to ``reports/site/`` of its output root with
:func:`build_site`; ``policystudy open`` opens ``reports/site/index.html``. It works from a
file on disk with no network: plain HTML pages, one stylesheet and one script of this package,
data in small JavaScript files loaded on demand, and a subset of the Noto Sans CJK SC font so
that Chinese renders on a machine without CJK fonts. See ``docs/site.md``.
"""

from policystudy.report.site.build import SITE_FOLDER, build_site, site_index

__all__ = ["SITE_FOLDER", "build_site", "site_index"]
