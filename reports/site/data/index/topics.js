PS.put("index/topics",{"bytes":4546,"chunks":[{"key":"tables/topics/0","n":80}],"columns":["topic","label","background","rank","term","weight"],"name":"topics","rows":80});
