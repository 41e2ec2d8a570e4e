PS.put("index/targets_evaluation",{"bytes":4823,"chunks":[{"key":"tables/targets_evaluation/0","n":165}],"columns":["metric","value"],"name":"targets_evaluation","rows":165});
