PS.put("index/sentences",{"bytes":75041,"chunks":[{"key":"tables/sentences/0","n":437}],"columns":["paragraph_id","sentence_id","sentence"],"name":"sentences","rows":437});
