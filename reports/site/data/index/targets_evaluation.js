PS.put("index/targets_evaluation",{"bytes":6082,"chunks":[{"key":"tables/targets_evaluation/0","n":205}],"columns":["metric","value"],"name":"targets_evaluation","rows":205});
