PS.put("index/targets_evaluation",{"bytes":2383,"chunks":[{"key":"tables/targets_evaluation/0","n":85}],"columns":["metric","value"],"name":"targets_evaluation","rows":85});
