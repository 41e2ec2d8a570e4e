PS.put("index/sentences",{"bytes":55183,"chunks":[{"key":"tables/sentences/0","n":311}],"columns":["paragraph_id","sentence_id","sentence"],"name":"sentences","rows":311});
