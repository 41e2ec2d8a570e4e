PS.put("index/validation_confusion",{"bytes":832,"chunks":[{"key":"tables/validation_confusion/0","n":19}],"columns":["machine","coders","n","draw"],"name":"validation_confusion","rows":19});
