PS.put("tables/priority_agreement/0",{"columns":["group","doc_a","doc_b","kendall_tau"],"rows":[["Jiangsu","changzhou_xinbei","lianyungang","0.516811"]],"values":{}});
