PS.put("index/skipped_analyses",{"bytes":32,"chunks":[],"columns":["notebook","analysis","status","reason"],"name":"skipped_analyses","rows":0});
