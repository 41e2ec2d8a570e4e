PS.put("index/cleaning_audit",{"bytes":1734,"chunks":[{"key":"tables/cleaning_audit/0","n":20}],"columns":["doc_id","line","text","reason","action","detail"],"name":"cleaning_audit","rows":20});
