PS.put("index/headings",{"bytes":3300,"chunks":[{"key":"tables/headings/0","n":57}],"columns":["doc_id","line","level","heading"],"name":"headings","rows":57});
