PS.put("index/document_flags",{"bytes":308,"chunks":[{"key":"tables/document_flags/0","n":6}],"columns":["doc_id","flag","evidence","where","note"],"name":"document_flags","rows":6});
