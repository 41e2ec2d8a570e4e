PS.put("index/document_parts",{"bytes":237,"chunks":[{"key":"tables/document_parts/0","n":6}],"columns":["doc_id","part","chars","share","used"],"name":"document_parts","rows":6});
