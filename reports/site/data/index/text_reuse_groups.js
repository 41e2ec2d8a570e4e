PS.put("index/text_reuse_groups",{"bytes":50,"chunks":[],"columns":["group","source_group","reused_chars","group_chars","share"],"name":"text_reuse_groups","rows":0});
