PS.put("index/targets_evaluation",{"bytes":1168,"chunks":[{"key":"tables/targets_evaluation/0","n":45}],"columns":["metric","value"],"name":"targets_evaluation","rows":45});
