PS.put("index/document_duplicates",{"bytes":58,"chunks":[],"columns":["doc_id","duplicate_id","kind","similarity","kept","set_aside","reason"],"name":"document_duplicates","rows":0});
