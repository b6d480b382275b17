// Material for MkDocs' inline start-up helpers (partials/javascripts/base.html), from a file so
// that a strict Content-Security-Policy allows them. The site root is derived from this file's
// own address (js/md-base.js), which also works under a sub-path.
__md_scope=new URL("..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
