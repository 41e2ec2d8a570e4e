PS.put("index/targets_evaluation",{"bytes":3581,"chunks":[{"key":"tables/targets_evaluation/0","n":125}],"columns":["metric","value"],"name":"targets_evaluation","rows":125});
