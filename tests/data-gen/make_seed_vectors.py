#!/usr/bin/env python3
"""Writes the seed conformance vectors by running Llama Stack's own log.py.

Usage (from the repository root):

    /usr/bin/python3 tests/data-gen/make_seed_vectors.py --seed /tmp/seed/log.py

--seed    path to a runnable copy of Llama Stack's log.py (needs rich, pydantic, PyYAML). The seed is
          imported from there and never copied into this repository.
--out     output folder (default: tests/Pester/data/seed next to this script's tests folder).

Writes:
  environment-vectors.json  LLAMA_STACK_LOGGING strings through parse_environment_config
  yaml-vectors.json         run.yaml texts through yaml.safe_load, our section rule, then parse_yaml_config

Each case records the returned dict as [[category, level number], ...] in dict order, and the texts logged
through logging.warning, captured by a handler on the root logger, in order.
"""

import argparse
import importlib.util
import json
import logging
import os
import re
import sys
import unicodedata

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(os.path.dirname(HERE), "Pester", "data", "seed")


class Capture(logging.Handler):
    """Collects the messages the seed logs, so no basicConfig handler is installed and nothing is printed."""

    def __init__(self):
        super().__init__(level=logging.NOTSET)
        self.messages = []

    def emit(self, record):
        self.messages.append((record.levelno, record.getMessage()))


def load_seed(path):
    spec = importlib.util.spec_from_file_location("llama_stack_log_seed", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_captured(function, *args):
    capture = Capture()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    root.handlers = [capture]
    root.setLevel(logging.WARNING)
    try:
        result = function(*args)
    finally:
        root.handlers, level = saved
        root.setLevel(level)
    # Only logging.warning is used by the parsers; anything else would be a surprise worth failing on.
    assert all(levelno == logging.WARNING for levelno, _ in capture.messages), capture.messages
    return [[k, v] for k, v in result.items()], [m for _, m in capture.messages]


# ---------------------------------------------------------------------------------------------------------
# LLAMA_STACK_LOGGING strings

WHITESPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u2028\u2029\u202f\u205f\u3000"


def long_input():
    # A few thousand pairs: every category, `all`, unknown categories and levels, blanks and bad pairs.
    names = ["core", "Server", " router ", "all", "nope", "tools::sub", "", "vector_io"]
    levels = ["debug", "INFO", "warn", "Error", "critical", "fatal", "notset", "10", "loud"]
    pairs = []
    for i in range(3000):
        if i % 97 == 13:
            pairs.append("   ")
        elif i % 89 == 7:
            pairs.append("no_equals_" + str(i))
        else:
            pairs.append(names[i % len(names)] + "=" + levels[(i * 7) % len(levels)])
    return ",".join(pairs)


ENVIRONMENT_INPUTS = [
    # Blank input and empty pairs: skipped silently.
    "",
    " ",
    "\t\n\r ",
    WHITESPACE,
    ",",
    ",,,",
    " , \t, ",
    ",,core=debug,,",
    "core=debug,",
    ",core=debug",
    "core=debug,   ,server=info",
    "\u3000",
    "\x1c\x1d\x1e\x1f",
    # Not blank to Python: zero-width space, BOM, Mongolian vowel separator, NUL.
    "\u200b",
    "\ufeff",
    "\u180e",
    "\x00",
    # A pair without '=': the raw (unstripped) pair is quoted in the warning.
    "core",
    " core ",
    "core=debug,server",
    "core:debug",
    "core=debug;server=info",
    # Several '=': split at the first one only.
    "core=debug=info",
    "core==debug",
    "=",
    "==",
    "=debug",
    "core=",
    " = ",
    # Whitespace around names and levels.
    " core = debug ",
    "\tcore\t=\tdebug\t",
    "\vcore\f=\rdebug\n",
    "\x1ccore\x1d=\x1edebug\x1f",
    "\x85core\xa0=\u1680debug\u2000",
    "\u2001\u2002\u2003core\u2004\u2005=\u2006\u2007\u2008info\u2009\u200a",
    "\u2028server\u2029=\u202fwarning\u205f\u3000",
    "core = debug , server = info",
    "\u200bcore=debug",
    "\ufeffcore=debug",
    "core=\u180edebug",
    "co re=debug",
    "core=de bug",
    "core=debug\nserver=info",
    # Letter case.
    "CORE=DEBUG",
    "Core=Debug",
    "cOrE=dEbUg",
    "Openai_Responses=info",
    "eval=info,Eval=debug",
    # Every level name, aliases and numbers.
    "core=debug",
    "core=info",
    "core=warning",
    "core=warn",
    "core=WARN",
    "core=error",
    "core=critical",
    "core=fatal",
    "core=FATAL",
    "core=notset",
    "core=NotSet",
    "core=10",
    "core=0",
    "core=50",
    "core=verbose",
    "core=trace",
    'core="debug"',
    "core=debug#comment",
    # `all`: every category, then root.
    "all=debug",
    "ALL=info",
    " All = Warn ",
    "all=bogus",
    "core=debug,all=warning",
    "all=warning,core=debug",
    "server=debug,all=error,tools=info",
    "tests=debug,all=critical",
    "all=debug,all=critical",
    "all=info,root=debug",
    # Later pairs override earlier ones but keep the first position.
    "core=debug,core=info",
    "core=debug,server=info,core=error",
    "server=info,core=debug,server=notset",
    "tests=debug,post_training=error,openai_responses=warn,openai_conversations=fatal,tool_runtime=info,vector_io=debug",
    "core=debug,core=bogus",
    # root and uncategorized are not categories to the parser.
    "root=debug",
    "ROOT=info",
    "uncategorized=debug",
    # Unknown categories, and the level checked before the category.
    "foo=debug",
    "foo=bogus",
    "core::sub=debug",
    "a::b=info",
    "server::http=warning,core=info",
    # Unicode case mapping: str.lower() for the category, str.upper() for the level.
    "\u00df=info",
    "core=\u00df",
    "core=\u0131nfo",
    "core=cr\u0131t\u0131cal",
    "core=not\u017fet",
    "\u017ferver=info",
    "\u0130NFO=debug",
    "core=\u0130nfo",
    "\u212aELVIN=info",
    "core=\u212a",
    "core=\ufb01",
    "\ufb01les=info",
    "core=\u0149",
    "core=\u0390",
    "\u01c5=info",
    "\u039f\u0394\u039f\u03a3=info",
    "\u03a3\u0391=info",
    "\u039f\u0394\u039f\u03a3\u0345=info",
    "core=\u03c3",
    "core=\u24d3\u24d4\u24d1\u24e4\u24d6",
    "core=\u1d05\u1d07\u0299\u1d1c\u0262",
    "core=\uff44\uff45\uff42\uff55\uff47",
    "\uff23\uff2f\uff32\uff25=debug",
    "core=info\u0307",
    # Control characters.
    "core=debug\x00",
    "\x00core=debug",
    "core\x07=info",
    "\x1b[31mcore=debug",
    "core=de\x7fbug",
    # Unicode categories, including a code point outside the BMP.
    "\u63a8\u7406=debug",
    "c\u0153ur=info",
    "\U0001f999=debug",
    "core=\U0001f999",
    "\U00010400=info",
    # A very long value.
    long_input(),
]


# ---------------------------------------------------------------------------------------------------------
# run.yaml texts

# A chunk of Llama Stack's starter distribution run.yaml (it has no logging section of its own).
STARTER_HEAD = """\
version: 2
image_name: starter
apis:
- agents
- batches
- datasetio
- eval
- files
- inference
- post_training
- safety
- scoring
- tool_runtime
- vector_io
providers:
  inference:
  - provider_id: ${env.CEREBRAS_API_KEY:+cerebras}
    provider_type: remote::cerebras
    config:
      base_url: https://api.cerebras.ai/v1
      api_key: ${env.CEREBRAS_API_KEY:=}
  - provider_id: ${env.OLLAMA_URL:+ollama}
    provider_type: remote::ollama
    config:
      base_url: ${env.OLLAMA_URL:=http://localhost:11434/v1}
  - provider_id: ${env.VLLM_URL:+vllm}
    provider_type: remote::vllm
    config:
      base_url: ${env.VLLM_URL:=}
      max_tokens: ${env.VLLM_MAX_TOKENS:=4096}
      api_token: ${env.VLLM_API_TOKEN:=fake}
      tls_verify: ${env.VLLM_TLS_VERIFY:=true}
  vector_io:
  - provider_id: faiss
    provider_type: inline::faiss
    config:
      persistence:
        namespace: vector_io::faiss
        backend: kv_default
  - provider_id: ${env.WEAVIATE_CLUSTER_URL:+weaviate}
    provider_type: remote::weaviate
    config:
      weaviate_api_key: null
      weaviate_cluster_url: ${env.WEAVIATE_CLUSTER_URL:=localhost:8080}
      persistence:
        namespace: vector_io::weaviate
        backend: kv_default
  safety:
  - provider_id: llama-guard
    provider_type: inline::llama-guard
    config:
      excluded_categories: []
"""

STARTER_TAIL = """\
registered_resources:
  models: []
  shields:
  - shield_id: llama-guard
    provider_id: ${env.SAFETY_MODEL:+llama-guard}
    provider_shield_id: ${env.SAFETY_MODEL:=}
  vector_dbs: []
  tool_groups:
  - toolgroup_id: builtin::websearch
    provider_id: tavily-search
server:
  port: 8321
vector_stores:
  default_provider_id: faiss
  default_embedding_model:
    provider_id: sentence-transformers
    model_id: nomic-ai/nomic-embed-text-v1.5
safety:
  default_shield_id: llama-guard
"""

YAML_CASES = [
    ("logging_config section", "logging_config:\n  category_levels:\n    core: debug\n    server: info\n"),
    ("logging section", "logging:\n  category_levels:\n    core: debug\n    server: info\n"),
    ("top-level category_levels", "category_levels:\n  core: debug\n  server: info\n"),
    ("logging_config wins over logging",
     "logging:\n  category_levels:\n    core: error\nlogging_config:\n  category_levels:\n    server: debug\n"),
    ("logging wins over top-level category_levels",
     "category_levels:\n  core: error\nlogging:\n  category_levels:\n    tools: warning\n"),
    ("logging_config wins over both others",
     "category_levels:\n  core: error\nlogging:\n  category_levels:\n    core: critical\nlogging_config:\n  category_levels:\n    core: debug\n"),
    ("levels in any case",
     "logging_config:\n  category_levels:\n    core: debug\n    server: Debug\n    router: WARN\n    inference: fatal\n"
     "    agents: NotSet\n    safety: CRITICAL\n    eval: Warning\n    tools: error\n    client: INFO\n"),
    ("unknown levels",
     "logging_config:\n  category_levels:\n    core: verbose\n    server: '10'\n    router: \"\"\n    tools: info\n"),
    ("level is not stripped",
     "logging_config:\n  category_levels:\n    core: ' debug'\n    server: \"info \"\n"),
    ("level from a literal block keeps its newline",
     "logging_config:\n  category_levels:\n    core: |\n      debug\n    server: >-\n      info\n"),
    ("categories are taken as written",
     "logging_config:\n  category_levels:\n    Core: debug\n    SERVER: info\n    ALL: error\n    tools: warn\n"),
    ("all before others",
     "logging_config:\n  category_levels:\n    all: warning\n    core: debug\n    tests: error\n"),
    ("all after others",
     "logging_config:\n  category_levels:\n    tests: debug\n    server: debug\n    all: error\n"),
    ("all with an unknown level", "logging_config:\n  category_levels:\n    all: loud\n    core: debug\n"),
    ("root and uncategorized are unknown categories",
     "logging_config:\n  category_levels:\n    root: debug\n    uncategorized: info\n    core: warning\n"),
    ("unknown category with an unknown level warns about the level",
     "logging_config:\n  category_levels:\n    nope: loud\n    nope2: info\n"),
    ("sub-categories are unknown",
     "logging_config:\n  category_levels:\n    core::sub: debug\n    \"a::b\": info\n    server: error\n"),
    ("empty mapping", "logging_config:\n  category_levels: {}\n"),
    ("unicode categories and levels",
     "logging_config:\n  category_levels:\n    \u63a8\u7406: debug\n    core: \u0131nfo\n    server: not\u017fet\n"
     "    tools: \u00df\n    c\u0153ur: info\n"),
    ("quoted keys and values",
     "logging_config:\n  category_levels:\n    'core': \"debug\"\n    \"server\": 'warning'\n    'vector_io': \"Error\"\n"),
    ("comments",
     "# logging for the server\nlogging_config:  # levels per category\n  category_levels:\n"
     "    # core is noisy\n    core: debug  # was info\n    server: info\n"),
    ("flow mapping", "logging_config:\n  category_levels: {core: debug, server: info, all: error}\n"),
    ("flow mapping at the top level", "category_levels: {core: debug, \"tools\": 'warn'}\n"),
    ("nested flow mappings", "logging_config: {category_levels: {core: debug, eval: critical}}\n"),
    ("starter run.yaml without a logging section", STARTER_HEAD + STARTER_TAIL),
    ("starter run.yaml with logging_config in the middle",
     STARTER_HEAD + "logging_config:\n  category_levels:\n    core: debug\n    inference: warning\n    all: bogus\n"
     + STARTER_TAIL),
    ("starter run.yaml with logging_config at the end",
     STARTER_HEAD + STARTER_TAIL + "logging_config:\n  category_levels:\n    all: info\n    server: debug\n"),
    ("CRLF line endings",
     "version: 2\r\nlogging_config:\r\n  category_levels:\r\n    core: debug\r\n    server: warn\r\n"),
    ("UTF-8 BOM", "\ufefflogging_config:\n  category_levels:\n    core: debug\n"),
    ("UTF-8 BOM and CRLF", "\ufeffcategory_levels:\r\n  core: error\r\n  Tools: info\r\n"),
    ("document markers", "---\nlogging:\n  category_levels:\n    core: debug\n...\n"),
    ("anchors and aliases",
     "defaults: &level debug\nlogging_config:\n  category_levels:\n    core: *level\n    server: *level\n"),
    ("later keys override earlier categories through all",
     "logging_config:\n  category_levels:\n    core: debug\n    all: warning\n    server: error\n"),
    # PyYAML does not look at indentation inside flow collections; YamlDotNet refuses these lines unless padded.
    ("flow mapping going on at the block's indentation",
     "logging_config:\n  category_levels: {core: debug,\n  server: info}\n"),
    ("flow mapping going on at column 0",
     "logging_config:\n  category_levels: {core: debug,\nserver: info,\n tools: warn}\n  other: 1\nversion: 2\n"),
    ("flow mapping with every entry on a line of its own at column 0",
     "category_levels: {\ncore: debug,\nserver: info,\n\n# a comment\nall: error\n}\nversion: 2\n"),
    ("flow list going on at column 0 before the section",
     "apis: [agents,\ninference,\n  safety]\nlogging:\n  category_levels:\n    core: debug\n"),
    ("two flow collections going on under their blocks",
     "providers:\n  a: [x,\n  y]\n  b: {p: 1,\nq: 2}\nlogging_config:\n  category_levels: {core: debug,\n    server: info}\n"),
    # Characters PyYAML's reader accepts.
    ("printable characters outside ASCII in a comment and a value",
     "# \u00a0\ufeff\ue000\ufffd\nlogging_config:\n  category_levels:\n    core: \"de\u00a0bug\"\n    server: info\n"),
    ("a tab inside a quoted level", "logging_config:\n  category_levels:\n    core: 'de\tbug'\n"),
    ("a tab inside a comment", "logging_config:\n  category_levels:  # levels\tper category\n    core: debug #\tnoisy\n"),
    ("a tab inside a block scalar level", "logging_config:\n  category_levels:\n    core: |\n      de\tbug\n    server: info\n"),
]

# Documents yaml.safe_load refuses before any of the seed's code runs: the server would not start.
YAML_REFUSALS = [
    ("duplicate anchor on scalars", "a: &x 1\nb: &x 2\n"),
    ("duplicate anchor in the category_levels section",
     "defaults: &level debug\nlogging_config:\n  category_levels:\n    core: &level info\n"),
    ("duplicate anchor on collections", "a: &x [1]\nb:\n  c: &x {d: e}\n"),
    ("duplicate anchor in a skipped section", "providers:\n  a: &p {x: 1}\n  b: &p {x: 2}\nlogging_config:\n  category_levels:\n    core: debug\n"),
    ("BEL in a plain level", "logging_config:\n  category_levels:\n    core: debug\x07\n"),
    ("BEL in a quoted level", "logging_config:\n  category_levels:\n    core: 'de\x07bug'\n"),
    ("BEL in a double-quoted key", "logging_config:\n  category_levels:\n    \"co\x07re\": debug\n"),
    ("ESC in a comment", "# \x1b[31mred\x1b[0m\nlogging_config:\n  category_levels:\n    core: debug\n"),
    ("NUL in a skipped section", "version: 2\nimage_name: st\x00arter\nlogging_config:\n  category_levels:\n    core: debug\n"),
    ("DEL in a level", "category_levels:\n  core: de\x7fbug\n"),
    ("vertical tab in a level", "category_levels:\n  core: de\x0bbug\n"),
    ("form feed between keys", "category_levels:\n  core: debug\n\x0c\n  server: info\n"),
    ("a C1 control", "category_levels:\n  core: debug\x9b\n"),
    ("U+FFFE", "category_levels:\n  core: debug\ufffe\n"),
    ("U+FFFF after CRLF lines", "version: 2\r\ncategory_levels:\r\n  core: \uffffdebug\r\n"),
    # PyYAML skips only spaces between tokens, and a tab ends a plain scalar.
    ("a tab after a level", "logging_config:\n  category_levels:\n    core: debug\t\n"),
    ("a tab after a colon", "logging_config:\n  category_levels:\n    core:\tdebug\n"),
    ("a tab inside a plain key", "logging_config:\n  category_levels:\n    co\tre: debug\n"),
    ("a tab before a comment", "logging_config:\n  category_levels:\n    core: debug\t# noisy\n"),
    ("a tab in a flow mapping", "logging_config:\n  category_levels: {core: debug,\tserver: info}\n"),
    ("a tab in a skipped section", "version:\t2\nlogging_config:\n  category_levels:\n    core: debug\n"),
]


def line_and_column(text, position):
    """Where PyYAML's reader would put a position: it counts LF, CR LF, CR, NEL, LS and PS as line breaks."""
    line, column, i = 1, 1, 0
    while i < position:
        c = text[i]
        if c == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 1
        if c in "\n\r\x85\u2028\u2029":
            line, column = line + 1, 1
        else:
            column += 1
        i += 1
    return line, column


def make_refusal(name, text):
    try:
        yaml.safe_load(text)
    except yaml.reader.ReaderError as e:
        line, column = line_and_column(text, e.position)
        problem = "unacceptable character #x%04x: %s" % (e.character, e.reason)
        return {"name": name, "yaml": text, "problem": problem, "line": line, "column": column}
    except yaml.MarkedYAMLError as e:
        # A composer error's problem is "second occurrence"; its context says what and where the first was.
        problem = e.context if e.context else e.problem
        case = {"name": name, "yaml": text, "problem": problem,
                "line": e.problem_mark.line + 1, "column": e.problem_mark.column + 1}
        if e.context_mark is not None and e.context:
            case["context_line"] = e.context_mark.line + 1
            case["context_column"] = e.context_mark.column + 1
        return case
    raise AssertionError("yaml.safe_load accepted the refusal case " + repr(name))

SECTIONS = [("logging_config", "category_levels"), ("logging", "category_levels"), ("category_levels",)]


def pick_section(document):
    """Our reader's rule: the first of the three paths whose keys are all present."""
    for path in SECTIONS:
        node = document
        found = True
        for key in path:
            if isinstance(node, dict) and key in node:
                node = node[key]
            else:
                found = False
                break
        if found:
            return ".".join(path), node
    return None, {}


def make_yaml_case(seed, name, text):
    document = yaml.safe_load(text)
    section, mapping = pick_section(document)
    # These vectors cover string levels only; anything else is a separate behaviour of our reader.
    assert isinstance(mapping, dict), (name, mapping)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()), (name, mapping)
    config = seed.LoggingConfig(category_levels=mapping)
    entries, warnings = run_captured(seed.parse_yaml_config, config)
    return {"name": name, "yaml": text, "entries": entries, "warnings": warnings, "section": section}


def escape_invisible(text):
    """json leaves DEL, C1 controls, format characters and odd spaces raw when ensure_ascii=False: escape them."""
    out = []
    for c in text:
        # Below U+0020 json has escaped everything inside strings; what is left is the layout's newlines.
        if c > " " and unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Cs", "Co", "Cn"):
            encoded = c.encode("utf-16-be")
            out.extend("\\u%02x%02x" % (encoded[i], encoded[i + 1]) for i in range(0, len(encoded), 2))
        else:
            out.append(c)
    return "".join(out)


def write_json(path, data):
    # The structural characters are ASCII, so escaping afterwards only touches string contents.
    text = escape_invisible(json.dumps(data, ensure_ascii=False, indent=2))
    # One [category, level] pair per line; an escaped quote inside a string cannot start this pattern.
    text = re.sub(r'\[\s*("(?:[^"\\]|\\.)*"),\s*(-?\d+)\s*\]', r"[\1, \2]", text)
    assert json.loads(text) == data
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", required=True, help="path to a runnable log.py")
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args()

    seed = load_seed(args.seed)

    assert len(set(ENVIRONMENT_INPUTS)) == len(ENVIRONMENT_INPUTS), "duplicate environment input"
    environment = []
    for text in ENVIRONMENT_INPUTS:
        entries, warnings = run_captured(seed.parse_environment_config, text)
        environment.append({"input": text, "entries": entries, "warnings": warnings})

    assert len({name for name, _ in YAML_CASES}) == len(YAML_CASES), "duplicate YAML case name"
    yaml_vectors = [make_yaml_case(seed, name, text) for name, text in YAML_CASES]
    assert len({name for name, _ in YAML_REFUSALS}) == len(YAML_REFUSALS), "duplicate YAML refusal name"
    refusals = [make_refusal(name, text) for name, text in YAML_REFUSALS]

    os.makedirs(args.out, exist_ok=True)
    write_json(os.path.join(args.out, "environment-vectors.json"), environment)
    write_json(os.path.join(args.out, "yaml-vectors.json"), yaml_vectors)
    write_json(os.path.join(args.out, "yaml-refusal-vectors.json"), refusals)
    print(f"{len(environment)} environment vectors, {len(yaml_vectors)} YAML vectors, {len(refusals)} YAML refusals -> {args.out}")


if __name__ == "__main__":
    sys.exit(main())
