PS.put("index/similarity",{"bytes":927,"chunks":[{"key":"tables/similarity/0","n":25}],"columns":["level","item_a","item_b","cosine"],"name":"similarity","rows":25});
