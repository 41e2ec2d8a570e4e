PS.put("index/priorities_common_period",{"bytes":43,"chunks":[],"columns":["group","domain","n_documents","share","rank","window"],"name":"priorities_common_period","rows":0});
