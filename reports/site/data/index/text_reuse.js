PS.put("index/text_reuse",{"bytes":68,"chunks":[],"columns":["doc_id","source_id","shared_chars","doc_chars","share","passages","passage_text"],"name":"text_reuse","rows":0});
