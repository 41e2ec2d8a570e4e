PS.put("index/validation_confusion",{"bytes":906,"chunks":[{"key":"tables/validation_confusion/0","n":21}],"columns":["machine","coders","n","draw"],"name":"validation_confusion","rows":21});
