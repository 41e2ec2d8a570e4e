PS.put("index/term_kinds",{"bytes":1445,"chunks":[{"key":"tables/term_kinds/0","n":88}],"columns":["term","kind","count"],"name":"term_kinds","rows":88});
