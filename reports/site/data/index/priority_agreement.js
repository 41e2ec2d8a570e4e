PS.put("index/priority_agreement",{"bytes":76,"chunks":[{"key":"tables/priority_agreement/0","n":1}],"columns":["group","doc_a","doc_b","kendall_tau"],"name":"priority_agreement","rows":1});
