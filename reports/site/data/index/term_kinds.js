PS.put("index/term_kinds",{"bytes":1684,"chunks":[{"key":"tables/term_kinds/0","n":103}],"columns":["term","kind","count"],"name":"term_kinds","rows":103});
