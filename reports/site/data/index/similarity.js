PS.put("index/similarity",{"bytes":1538,"chunks":[{"key":"tables/similarity/0","n":41}],"columns":["level","item_a","item_b","cosine"],"name":"similarity","rows":41});
