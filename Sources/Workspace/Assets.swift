/// The workspace's only static files, served from memory (no file system path is ever read
/// from a URL, so there is nothing to traverse).
enum Assets {
    static let css = """
    body{font-family:system-ui,"Noto Sans","Noto Naskh Arabic",sans-serif;margin:0;color:#1d2b36;background:#fbfaf7}
    header{display:flex;gap:1.5em;align-items:center;padding:.6em 1.2em;background:#12455c;color:#fff;flex-wrap:wrap}
    header a{color:#fff}header .langs{margin-inline-start:auto}.brand{font-weight:700}
    main{max-width:1180px;margin:0 auto;padding:1em 1.2em}
    table{border-collapse:collapse;width:100%;margin:.6em 0 1.4em;font-size:.92em}
    th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:start;vertical-align:top}
    td.num,th.num{text-align:end;font-variant-numeric:tabular-nums}
    form.filters{display:flex;gap:1em;flex-wrap:wrap;align-items:end;background:#eef3f5;padding:.7em;border-radius:6px}
    form.filters label,form.counsel label{display:flex;flex-direction:column;font-size:.9em}
    form.counsel{display:grid;gap:.8em;max-width:640px}
    textarea{min-height:6em}
    .error{background:#fde8e8;border-inline-start:4px solid #b00020;padding:.8em 1em;overflow-wrap:anywhere}
    .field-error{display:block;color:#b00020;font-size:.9em;overflow-wrap:anywhere;max-width:100%}
    .note{color:#555;font-size:.9em}
    [dir=rtl] [lang=fr],[dir=rtl] [lang=en],[dir=rtl] td.num{direction:ltr;unicode-bidi:isolate}
    [dir=rtl] td[lang=fr],[dir=rtl] td[lang=en]{text-align:left}
    .suggest{list-style:none;margin:0;padding:0;border:1px solid #ccc;background:#fff;max-height:12em;overflow:auto}
    .suggest li{padding:.2em .5em;cursor:pointer}.suggest li:hover{background:#e6eef2}
    @media print{header,form,nav,.noprint{display:none}main{max-width:none;padding:0}body{font-size:10pt;background:#fff}}
    """

    /// Type-ahead for the skills box: the only script, and the form works without it.
    static let js = """
    (function(){
      var box=document.getElementById('skill-search'); if(!box) return;
      var list=document.getElementById('skill-suggest'), skills=document.getElementById('skills');
      var lang=document.documentElement.lang==='en'?'en':'fr', timer=null;
      box.addEventListener('input',function(){
        clearTimeout(timer);
        timer=setTimeout(function(){
          var q=box.value.trim(); if(q.length<2){list.textContent='';return;}
          fetch('/api/skills?lang='+lang+'&q='+encodeURIComponent(q)).then(function(r){return r.json();}).then(function(items){
            list.textContent='';
            items.forEach(function(it){
              var li=document.createElement('li'); li.textContent=it.label;
              li.addEventListener('click',function(){skills.value=(skills.value?skills.value.replace(/\\s*$/,'')+'\\n':'')+it.label;box.value='';list.textContent='';});
              list.appendChild(li);
            });
          });
        },150);
      });
    })();
    """

    /// Strict: only this origin's stylesheet and script, no inline script, no framing, forms
    /// posting here only.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
}
