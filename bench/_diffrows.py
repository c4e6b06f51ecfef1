import json,sys
from bench.wordings import rows, read
res={r.where:read(r).right for r in rows()}
if len(sys.argv)>1 and sys.argv[1]=="save":
    json.dump(res,open('/tmp/rows.json','w'))
else:
    old=json.load(open('/tmp/rows.json'))
    for k,v in res.items():
        if old.get(k)!=v: print(k, old.get(k),'->',v)
