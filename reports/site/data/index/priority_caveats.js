PS.put("index/priority_caveats",{"bytes":748,"chunks":[{"key":"tables/priority_caveats/0","n":5}],"columns":["caveat","subject","value","statement"],"name":"priority_caveats","rows":5});
