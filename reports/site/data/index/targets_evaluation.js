PS.put("index/targets_evaluation",{"bytes":2976,"chunks":[{"key":"tables/targets_evaluation/0","n":105}],"columns":["metric","value"],"name":"targets_evaluation","rows":105});
