PS.put("index/topics",{"bytes":4980,"chunks":[{"key":"tables/topics/0","n":90}],"columns":["topic","label","background","rank","term","weight"],"name":"topics","rows":90});
