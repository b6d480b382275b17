// Byte-compile the engine wheel for the Python inside Pyodide (3.14), using that Python itself
// in Node, so the browser imports the engine without compiling its source first.
// Usage: node build_scripts/compile_wheel.mjs IN.whl OUT.whl
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { loadPyodide } = await import(resolve(root, "node_modules/pyodide/pyodide.mjs"));
const [input, output] = process.argv.slice(2);
const py = await loadPyodide({ indexURL: resolve(root, "node_modules/pyodide") + "/" });
py.FS.writeFile("/tmp/in.whl", readFileSync(input));
py.runPython(`
import base64, compileall, hashlib, io, os, py_compile, zipfile

# Unchecked-hash .pyc files are used without looking at the source's date, which a wheel
# installed in the browser does not keep.
with zipfile.ZipFile("/tmp/in.whl") as z:
    z.extractall("/tmp/w")
    names = [i.filename for i in z.infolist()]
ok = compileall.compile_dir("/tmp/w/guide_engine", quiet=1, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
assert ok, "compileall failed"
files = sorted(os.path.relpath(os.path.join(d, f), "/tmp/w") for d, _, fs in os.walk("/tmp/w") for f in fs)
record = next(n for n in names if n.endswith(".dist-info/RECORD"))
lines = []
for name in files:
    if name == record:
        continue
    data = open(os.path.join("/tmp/w", name), "rb").read()
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    lines.append(f"{name},sha256={digest},{len(data)}")
lines.append(f"{record},,")
with open(os.path.join("/tmp/w", record), "w") as f:
    f.write("\\n".join(lines) + "\\n")
with zipfile.ZipFile("/tmp/out.whl", "w", zipfile.ZIP_DEFLATED) as z:
    for name in files:
        info = zipfile.ZipInfo(name, date_time=(2023, 11, 14, 22, 13, 20))  # fixed: repeatable builds
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        z.writestr(info, open(os.path.join("/tmp/w", name), "rb").read())
`);
writeFileSync(output, py.FS.readFile("/tmp/out.whl"));
