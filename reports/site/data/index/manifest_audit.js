PS.put("index/manifest_audit",{"bytes":39,"chunks":[],"columns":["row","doc_id","column","written","value","change"],"name":"manifest_audit","rows":0});
