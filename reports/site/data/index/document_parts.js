PS.put("index/document_parts",{"bytes":203,"chunks":[{"key":"tables/document_parts/0","n":5}],"columns":["doc_id","part","chars","share","used"],"name":"document_parts","rows":5});
