"""Sample model outputs: generated images, audio or text kept in the repository, shown in documents,
kept in notebooks, or on a page of examples elsewhere.

Media under folders or names that say samples/outputs/generations/examples/demo/screenshots, and
text files of generations or predictions; "Example outputs" sections; notebooks that kept the
results of their runs (not training or plotting notebooks); a demo or samples page (a pointer).
Traps: logos, architecture diagrams, profiler screenshots, community QR codes, input and reference
files of a demo, a documentation site's assets, and figures of scores (those are results).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from mof_lint.detectors import pyfacts
from mof_lint.detectors.code import own_code
from mof_lint.detectors.common import (MEDIA_EXT, document, markdown_docs, news_aside, pointers, python_files,
                                       sentence_of)
from mof_lint.detectors.markdown import PLAIN_LANGS
from mof_lint.detectors.results import METRIC
from mof_lint.evidence import Evidence
from mof_lint.repo import NOTEBOOK_LIMIT, RepoView, is_example_path, is_test_path
from mof_lint.safeparse import ParseFailure
from mof_lint import lazyre

COMPONENT = "sample_outputs"
SAMPLE_PATH = lazyre.compile(r"sample|output|generat|predictions|predicted|visuali[sz]|"
                             r"example|demo|screenshot|gallery|showcase|mask|"
                             r"limitation|txt2img|img2img|teaser|prompt|completion|answer|chat|q\d", re.I)
NOT_SAMPLE = lazyre.compile(r"logo|diagram|architecture|\barch\b|overview|pipeline|banner|icon|profil|wechat|guide|template|"
                            # figures that explain the method (ssd_algorithm.png, attention_mechanism.png)
                            r"algorithm|mechanism|method|schematic|illustrat|"
                            r"\bqr\b|qrcode|badge|framework|structure|flowchart|input|\bin\.|[_\-]in\.|"
                            # the ground truth a prediction is drawn beside (gt_img.png) is the data
                            r"(?<![a-z])gt(?![a-z])|ground[_\-]?truth|"
                            r"favicon|star[-_]?history|contributors|sponsor|discord|slack|twitter|"
                            # a training dashboard's screenshot (tensorboard_example.png) shows the run's logs
                            r"tensor_?board|tboard|wandb|"
                            # reference inputs of a demo (a voice prompt, a source image) are inputs
                            r"(^|[_\-/.])(ref|refs|reference|references|src|source)([_\-/.]|$)|"
                            # a built documentation site's assets (Sphinx _static/_sources, fonts, css)
                            r"(^|/)(_static|_sources|_build|_images|fonts?|webfonts?|css)(/|$)", re.I)
TEXT_SAMPLES = lazyre.compile(r"(^|[/_\-.])(samples?|generations?|generated|outputs?|predictions?|"
                              r"completions?|responses?)([/_\-.]|$)", re.I)
# What every TEXT_SAMPLES path holds: the cheap first cut over the listing.
TEXT_SAMPLE_WORDS = ("sample", "generat", "output", "prediction", "completion", "response")
TEXT_SAMPLE_EXT = frozenset((".jsonl", ".json", ".txt", ".md", ".csv"))
PLOT = lazyre.compile(r"loss|curve|plot|chart|fig|graph|scaling|analysis|latency|throughput|speed", re.I)
# Figures of scores (a benchmark chart, a results table as an image) are evaluation results, not
# outputs of the model, wherever they sit and whatever else their name says ("evaluation_..._chat.jpg").
RESULTS_FIGURE = lazyre.compile(r"eval|benchmark|result|mmlu|score|accuracy|comparison|leaderboard|performance|"
                                r"compression[_\-\s]?rate|distribution|statistic|radar|table", re.I)
GALLERY_MIN = 3
# A document section that shows what the model produced: "Example outputs", "Generated samples",
# "Sample generations".
# (The heading is a label, not a sentence: "My generated audio sounds like a phone call" is a question.)
SAMPLE_HEADING = lazyre.compile(r"^\W*((more\s+)?(example|sample)s?\s+(of\s+)?(model\s+)?(outputs?|generations?|"
                                r"completions?|responses?|predictions?|results?)|generated\s+(samples?|examples?|images?|"
                                r"audio|text|outputs?)|samples?|generations?)\W*$", re.I)  # a bare "Output" documents a format
# A notebook whose cells keep what they printed or drew when the model ran: a cell that runs the model
# the way one asks it for an output (generate, transcribe, a pipeline, ...) and kept what it showed,
# in a notebook that imports a machine-learning framework (`df.sample()` in a data notebook is pandas).
NOTEBOOK_OUTPUT = lazyre.compile(r'"output_type"\s*:\s*"(execute_result|display_data|stream)"')
RUNS_MODEL = lazyre.compile(r"\.(generate|transcribe|synthesi[sz]e|tts|sample|chat|infer|predict|segment|detect|caption|"
                            r"translate|complete|text_to_image|inpaint|forecast|embed)\w{0,12}\s*\(|\bpipeline\s*\(|"
                            r"\b(pipe|generator|sampler)\s*\(|\bmodel\.(decode|encode)\w{0,12}\s*\(|"
                            # ... or a function of the notebook's own named so (`infer(model, image)`)
                            r"(?<![\w.])(infer|inference|run_inference|predict|generate|synthesi[sz]e)\s*\(|"
                            # ... or a cell whose title comment says it runs the model ("#@title Inference on
                            # example image", "# Run prediction"): the call is the repository's own driver
                            r"^[ \t]*#[^\n]{0,40}?\b(inference|prediction|predict)\b", re.I | re.M)
# A notebook that trains (a classifier fitted on embeddings, a fine-tuning run) shows its training.
TRAINS = lazyre.compile(r"\.(fit|backward|finetune|fine_tune|train)\s*\(|\btrainer\.train\s*\(|\bTrainer\s*\(")
ML_IMPORT = lazyre.compile(r"^[ \t]*(import|from)[ \t]+(torch|tensorflow|keras|jax|flax|transformers|diffusers|mlx|onnxruntime|"
                           r"vllm|sentence_transformers|whisper|open_clip|timm|paddle|\.{0,2}\w{0,40}(model|inference|pipeline))\b",
                           re.M | re.I)
DISPLAYED = frozenset({"execute_result", "display_data"})
# A page of the model's outputs kept elsewhere: "[Demo](https://org.github.io/model/)", "Live examples".
# The link's text is a label for such a page (not a paper title that contains "generation"), or the
# page's path is a demo/samples page.
DEMO_TEXT = lazyre.compile(r"^\W*(\w+\s+){0,2}(demos?|samples?|examples?|showcase|gallery)(\s+(page|site|website))?\W*$",
                           re.I)
# ... or a line that labels its link so ("Audio samples: [https://m.github.io/](…)", "Demo page: <url>")
DEMO_LABEL = lazyre.compile(r"^\W*(\w+\s+){0,2}?(demos?|samples?|examples?|showcase|gallery)(\s+(page|site))?\s*:\s*[\[<(]?https?://",
                            re.I)
DEMO_PATH = lazyre.compile(r"/(demos?|samples?|examples?|showcase|gallery)([/_\-.]|$)", re.I)
NOT_DEMO_HOST = lazyre.compile(r"(^|\.)(github\.com|gitlab\.com|readthedocs\.io|shields\.io|colab\.research\.google\.com|"
                               r"arxiv\.org|pypi\.org|huggingface\.co|hf\.co|youtube\.com|youtu\.be|twitter\.com|x\.com|"
                               r"discord\.(gg|com)|kaggle\.com)$", re.I)
DATA_FOLDER = lazyre.compile(r"(^|/)(data|datasets?)/", re.I)
# ... what a file in it is named when the model made it (data/depth-pro-teaser.jpg, data/dog_result.jpg)
MADE_BY_MODEL = lazyre.compile(r"generat|output|pred|result|teaser|synth|recon", re.I)


def data_input(path: str) -> bool:
    """A file in a data folder that nothing below that folder names as what the model made."""
    m = DATA_FOLDER.search(path)
    return m is not None and not MADE_BY_MODEL.search(path[m.end():])


ASSET_DIR = lazyre.compile(r"(^|/)(assets?|images?|imgs?|figures?|media|resources|static|docs?)(/|$)", re.I)


# The sentence that introduces a block of plain text as what the model produced: "Generates samples
# like this:", "Sample output:", "The model generated the following:".
OUTPUT_WORD = lazyre.compile(r"\b(generat(es|ed|ing)|produces?d?|outputs?|samples? like)\b", re.I)
OUTPUT_END = lazyre.compile(r"(:|like this|as follows|the following)\W{0,3}$", re.I)
# a command or code to run, not what the model wrote: a prompt, an interpreter, a shell word, a flag
COMMAND = lazyre.compile(r"^[ \t]*(\$|>>>|pip3? |python3? |import |from \w+ import|git |cd |bash |sh |\./|!|%)|"
                         r"(^|\s)--[a-z][\w-]*", re.M)


def shown_output(doc, block) -> bool:
    """A plain-text block (no language, or text) of some length whose introducing paragraph says
    the model generated it, and that is not a command or code to run."""
    return block.lang in PLAIN_LANGS and len(block.text.strip()) >= 80 \
        and _introduced_as_output(doc.lead_in(block.line)) and not COMMAND.search(block.text[:2000]) \
        and not mostly_scores(block.text) and not FILE_TREE.search(block.text[:2000])


# "Time Elapsed: 500.91 s", "Throughput:  47.30 words / s": a label, then a measured number and its unit.
MEASUREMENT = lazyre.compile(r"^[^:=\n]{1,80}[:=][ \t]{0,20}[-+]?\d[\d.,eE+\-]{0,20}[ \t]{0,5}[%\w/ .]{0,24}$")


FILE_TREE = lazyre.compile(r"[├└]──|│ ")  # a drawing of folders: where outputs are written, not an output


def mostly_scores(text: str) -> bool:
    """Most lines name a metric and give a number ("Average accuracy 0.202 - math") or are a label
    and a measurement ("Throughput: 47.30 words / s"): what an evaluation or a benchmark printed,
    which is results, not a sample of what the model generates."""
    lines = [ln.strip() for ln in text[:20000].split("\n")[:200] if ln.strip()]
    scored = sum(1 for ln in lines if METRIC.search(ln[:300]) and re.search(r"\d", ln[:300])
                 or MEASUREMENT.match(ln[:300]))
    return bool(lines) and scored * 5 >= len(lines) * 3


# "After evaluation, the script should report some output like this:", "The output exactly matches
# Table 3 from the paper:": what follows is what an evaluation printed (results), not a generation.
SCORES_LEAD = lazyre.compile(r"\b(evaluat\w*|table\s+\d+|scores?|metrics?|benchmark\w*|accuracy|perplexity)\b", re.I)


# "Then the whole prompt for generating the second response is:": the sentence's subject is what the
# model is given (a prompt, an input, a template), named before anything it produces.
INPUT_NOUN = lazyre.compile(r"\b(prompts?|inputs?|templates?|format)\b", re.I)
PRODUCT_NOUN = lazyre.compile(r"\b(generat\w*|produc\w*|outputs?|responses?|answers?|completions?|results?|"
                              r"samples?)\b", re.I)
IS_END = lazyre.compile(r"\b(is|are|looks?\s+like(\s+this)?|becomes?)\W{0,3}$", re.I)


def _introduced_as_output(lead: str) -> bool:
    """The last sentence of the paragraph ends by announcing what follows and says it was generated
    (and does not say it is what an evaluation reports, nor that it is the model's input)."""
    last = re.split(r"[.!?]\s", lead[-300:])[-1]
    if not (OUTPUT_END.search(last) and OUTPUT_WORD.search(last)) or SCORES_LEAD.search(last):
        return False
    given, made = INPUT_NOUN.search(last), PRODUCT_NOUN.search(last)
    return not (given and IS_END.search(last) and (made is None or given.start() < made.start()))


# A page about the project's own process (how to contribute, release notes, conduct, security): what
# its blocks show is a tool's output (`git remote -v`), never the model's.
PROCESS_DOC = lazyre.compile(r"(^|/)(contributing|development|developers?|code_of_conduct|security|"
                             r"changelog|changes|history|release_notes|governance|support|maintainers?)"
                             r"\.(md|rst|txt)$", re.I)


# "The sample file x.wav is part of the Voxconverse dataset": a file of a public dataset is an input.
FROM_DATASET = lazyre.compile(r"\b(part|taken|comes?|drawn|sampled) (of|from) (the )?[\w\- ]{1,40}(dataset|corpus|set)\b", re.I)
MAX_DEMO_INPUT_CHECKS = 200


# An image that is the face of a link to another site: `<a href="https://host/..."><img src="x.png"></a>`
# or `[![x](x.png)](https://host/...)` -- a sponsor's logo, a "try it on" button, a badge.
HTML_BUTTON = lazyre.compile(r"""<a\s[^>]{0,300}?href\s*=\s*["']https?://[^>]{0,500}>\s{0,20}<img\s[^>]{0,300}?"""
                             r"""src\s*=\s*["']([^"'>]{1,300})""", re.I)


def button_images(view: RepoView) -> frozenset[str]:
    """The names of the images the documents use only as the face of a link to another site."""
    def build():
        names = set()
        for doc in markdown_docs(view):
            for line in doc.lines[:5000]:
                if "<img" in line:
                    names.update(m.group(1).rsplit("/", 1)[-1] for m in HTML_BUTTON.finditer(line[:20000]))
                if "[![" in line and ")](http" in line:  # [![alt](image.png)](https://...), split, not matched
                    for piece in line[:20000].split(")](http")[:-1]:
                        if "[![" in piece:
                            src = piece.rpartition("](")[2].split(" ", 1)[0]
                            names.add(src.rsplit("/", 1)[-1])
        return frozenset(names)
    return view.memo("button_images", build)


DOCS_DIR = lazyre.compile(r"(^|/)(docs?|documentation|wiki|guides?)(/|$)", re.I)
PLURAL_SAMPLES = lazyre.compile(r"(samples|generations|outputs|predictions|completions|responses)[^/]*$", re.I)


def doc_page(e) -> bool:
    """A Markdown page of a documentation folder named for its topic (docs/prediction.md: how to
    predict), not for what it holds (docs/samples.md)."""
    return e.ext == ".md" and bool(DOCS_DIR.search(e.dir)) and not PLURAL_SAMPLES.search(e.name)


# A media file's name quoted in a code example: `load_image('./examples/image2.jpg')`.
QUOTED_MEDIA = lazyre.compile(r"""["']([^"'\s]{1,200}\.(?:%s))["']""" % "|".join(x[1:] for x in MEDIA_EXT), re.I)


def code_named_files(view: RepoView) -> frozenset[str]:
    """The file names the repository's code names as strings: in its Python string constants
    ("resources/speaker0.mp3" as a demo's reference voice), and quoted in the code examples of its
    documents (`Image.open('./examples/image2.jpg')`): files its code reads, inputs of a demo."""
    def build():
        names = {name for facts in python_files(view) for name in facts.named_files}
        for doc in markdown_docs(view):
            for block in doc.code:
                names.update(m.group(1).rsplit("/", 1)[-1] for m in QUOTED_MEDIA.finditer(block.text[:50_000]))
        return frozenset(names)
    return view.memo("code_named_files", build)


def demo_input(view: RepoView, e) -> bool:
    """A media file that the repository's code names as a string (a demo's example or reference
    input), or that its folder's README runs a command on (`./demo x.wav 16000`) or says comes from
    a dataset: what the demo reads, not what the model produced."""
    if e.name in code_named_files(view):
        return True
    checks = view.memo("_demo_input_checks", lambda: [MAX_DEMO_INPUT_CHECKS])
    if checks[0] <= 0:
        return False
    checks[0] -= 1
    folder = e.dir
    doc = next((document(view, f"{folder}/{name}" if folder else name)
                for name in ("README.md", "readme.md", "Readme.md") if view.exists(f"{folder}/{name}" if folder else name)),
               None)
    if doc is None:
        return False
    for n, line in enumerate(doc.lines[:2000], 1):
        if e.name in line and ("`" in line or doc.in_code(n) or FROM_DATASET.search(line[:500])):
            return True
    return False


# Files in an outputs folder that hold settings or scores (output/adult/tuned/0/stats.json): a run's
# record, not what the model generated.
NOT_TEXT_SAMPLE = lazyre.compile(r"config|schema|readme|license|stats|metrics?|scores?|results?|eval", re.I)
# "Visit our [website] for audio samples", "Listen to samples on [the project page](...)".
FOR_SAMPLES = lazyre.compile(r"\b(for|to (hear|listen to|see)|listen to)\s+(our\s+|the\s+|more\s+|some\s+)?"
                             r"(audio\s+|generated\s+|speech\s+|video\s+)?samples\b|"
                             # "Audio samples are available at https://...", "Generated samples can be found here"
                             r"\b(audio\s+|generated\s+|speech\s+|video\s+|synthesi[sz]ed\s+)?samples\s+(are|can\s+be)\s+"
                             r"(available|provided|hosted|shown|found|heard)\b", re.I)
SAMPLE_LINK_TEXT = lazyre.compile(r"\b(samples?|demos?|examples?|showcase|gallery)\b", re.I)


def _page_instead(doc, heading):
    """The link of a samples section that sends the reader to a page of samples elsewhere and shows
    none itself (no block or table of its own): that page, else None."""
    later = [h.line for h in doc.headings if h.line > heading.line]
    end = later[0] if later else len(doc.lines) + 1
    if any(heading.line < b.line < end for b in doc.code) or any(heading.line < t.line < end for t in doc.tables):
        return None
    for link in doc.links:
        if heading.line < link.line < end and link.url.startswith(("http://", "https://")) and (
                DEMO_PATH.search(urlsplit(link.url).path) or SAMPLE_LINK_TEXT.search(link.text[:80])):
            return link
    return None


def own_packages(view: RepoView) -> tuple[str, ...]:
    """The repository's own importable packages (pkg/__init__.py or src/pkg/__init__.py): a notebook
    that imports one runs the release's code (`from be_great import GReaT`, `from gears import GEARS`)."""
    names = {parts[-2] for parts in (e.path.split("/") for e in view.with_ext(".py") if e.name == "__init__.py")
             if len(parts) == 2 or (len(parts) == 3 and parts[0] == "src")}
    return tuple(sorted(n for n in names if n.isidentifier()))


IMPORTED = lazyre.compile(r"^[ \t]*(?:import|from)[ \t]+([A-Za-z_]\w{0,60})", re.M)


def _imports_own(source: str, own: tuple[str, ...]) -> bool:
    return bool(own) and not {m.group(1) for m in IMPORTED.finditer(source)}.isdisjoint(own)


def _model_output_cell(text: str, path: str, cut: bool = False, own: tuple[str, ...] = ()) -> str:
    """The call of the first notebook cell that runs the model and kept what it showed ("" if none);
    a notebook `cut` at the read limit is read as far as its cells are whole. A notebook runs a model
    when it imports a machine-learning framework or one of the repository's `own` packages."""
    try:
        cells = pyfacts.notebook_cells(text, path, cut) or []
    except ParseFailure:
        return ""  # a broken notebook is reported where its code is read
    source = "\n".join(src for src, _ in cells)[:1 << 20]
    if not (ML_IMPORT.search(source) or _imports_own(source, own)) or TRAINS.search(source):
        return ""
    # the cell that runs the model shows what it printed, or a later cell shows what it made
    shown_from = [False] * (len(cells) + 1)
    for i in range(len(cells) - 1, -1, -1):
        shown_from[i] = shown_from[i + 1] or bool(DISPLAYED.intersection(cells[i][1]))
    for i, (src, shown) in enumerate(cells):
        m = RUNS_MODEL.search(src[:20000])
        if m and ("stream" in shown or shown_from[i]):
            return m.group(0).strip(" (")[:40]
    return ""


TRAINING_NOTEBOOK = lazyre.compile(r"train|finetun|fine-tun|pretrain", re.I)


WEB_APP_ASSETS = ("public/", "static/", "src/")


def web_app_assets(view: RepoView) -> tuple[str, ...]:
    """The folders where a JavaScript web app (a folder with a package.json) keeps what it bundles:
    its pictures are the interface's (demo screens, icons), not what the model produced."""
    roots = [e.dir for e in view.with_ext(".json") if e.name == "package.json" and not (e.vendored or e.test)]
    return tuple(f"{r}/{a}" if r else a for r in roots[:50] for a in WEB_APP_ASSETS)


# A teaser is the paper's first figure. It shows what the model made when the model makes pictures or
# sounds (a generator, a restorer, a renderer); for a backbone or a detector it explains the method.
# A still teaser therefore counts as an output only when the repository's own code writes media; an
# animated one (a GIF, a video) shows the model at work either way.
TEASER = lazyre.compile(r"teaser", re.I)
ANIMATED_EXT = frozenset((".gif", ".mp4", ".webm", ".mov"))


def writes_media(view: RepoView) -> bool:
    """Whether the repository's own code (code.own_code: not its tests, vendored or copied packages)
    writes a picture, a video or a sound it made."""
    return view.memo("samples.writes_media",
                     lambda: any(f.writes_media for f in python_files(view) if own_code(view, f.path)))


def _still_teaser(view: RepoView, e) -> bool:
    """A still teaser (named a sample by "teaser" alone) of a model whose code writes no media."""
    return e.ext not in ANIMATED_EXT and not SAMPLE_PATH.search(TEASER.sub("", e.path)) and not writes_media(view)


# A folder of examples (examples/dog.png, internvl_chat/examples/image4.jpg, examples/oc20/ocp.gif) holds
# what a demo or a user's run starts from -- input pictures, a recipe's figures -- as often as what the
# model made; only a word of its own (examples/generated_1.png, example/results/x.wav) says which.
EXAMPLES_FOLDER = lazyre.compile(r"^examples?$", re.I)
RESULTS_FOLDER = lazyre.compile(r"^results?$", re.I)  # (output/, samples/, generated/: SAMPLE_PATH's own words)


def _named_by_examples_folder_only(path: str) -> bool:
    """A picture or a recording that only its examples/ folder names a sample: no other folder or word
    of its path does (a "results" folder, "sample", "output", "demo" in its name)."""
    parts = path.split("/")
    if not any(EXAMPLES_FOLDER.match(p) for p in parts[:-1]):
        return False
    rest = "/".join(p for p in parts if not EXAMPLES_FOLDER.match(p))
    return not SAMPLE_PATH.search(rest) and not any(RESULTS_FOLDER.match(p) for p in parts[:-1])


def _written_folders(view: RepoView) -> dict[str, str]:
    """Folders of the repository that its own scripts write images or sounds into (`cv2.imwrite(
    'results/{:s}_rlt.png'...)` in test.py): folder -> the script. What is committed there is what
    the model produced when the script ran."""
    out: dict[str, str] = {}
    for f in python_files(view):
        if not f.output_dirs or is_test_path(f.path) or is_example_path(f.path):
            continue
        base = f.path.rpartition("/")[0]
        for folder in sorted(f.output_dirs):
            for candidate in (f"{base}/{folder}" if base else folder, folder):  # from the script's folder or the root
                if candidate in view.dirs:
                    out.setdefault(candidate, f.path)
    return out


# A video or a recording uploaded to the hosting site and played in the document: `<video src=
# "https://github.com/user-attachments/assets/...">`, the bare attachment address on its own line
# (GitHub plays it in place), `[demo.mp4](https://user-images.githubusercontent.com/....mp4)`.
# Pictures are left out: an attached picture is as often the method's figure as what it produced.
ATTACHMENT = lazyre.compile(r"^https://(github\.com/user-attachments/assets/|github\.com/[\w.\-]{1,100}/[\w.\-]{1,100}/"
                            r"assets/\d{1,12}/|(private-)?user-images\.githubusercontent\.com/)", re.I)
PLAYED_MEDIA = lazyre.compile(r"\.(mp4|webm|mov|m4v|wav|mp3|flac|ogg)(\?|$)", re.I)
MEDIA_LABEL = lazyre.compile(r"\b(video|demo|samples?|audio|speech|voice)\b|\.(mp4|webm|mov|wav|mp3)\b", re.I)


def _comment_lines(doc) -> set[int]:
    """The lines of a document inside HTML comments (`<!-- <video src=...> -->`): not shown."""
    out, inside = set(), False
    for n, raw in enumerate(doc.lines[:20000], 1):
        opened = "<!--" in raw
        if inside or opened:
            out.add(n)
        if opened:
            inside = "-->" not in raw.rsplit("<!--", 1)[1]
        elif inside and "-->" in raw:
            inside = False
    return out


def played_attachment(doc):
    """The first video or recording the document plays from the hosting site's attachments, or None."""
    hidden = None
    for link in doc.links:
        if link.in_code or not ATTACHMENT.match(link.url):
            continue
        raw = doc.lines[link.line - 1][:2000] if 0 < link.line <= len(doc.lines) else ""
        if "<img" in raw.lower() or "![" in raw:
            continue  # a picture
        bare = raw.strip().strip("<>") == link.url
        if bare or "<video" in raw.lower() or PLAYED_MEDIA.search(link.url) or MEDIA_LABEL.search(link.text[:80]):
            if hidden is None:
                hidden = _comment_lines(doc)
            if link.line not in hidden:
                return link
    return None


def detect(view: RepoView) -> list[Evidence]:
    out = []
    app_assets = web_app_assets(view)
    text_samples = [e for e in view.containing(*TEXT_SAMPLE_WORDS) if e.ext in TEXT_SAMPLE_EXT]
    written = _written_folders(view)
    for e in sorted(view.with_ext(*MEDIA_EXT) + text_samples, key=lambda e: e.path):
        if e.ext not in MEDIA_EXT and not TEXT_SAMPLES.search(e.path):
            continue  # text files are samples only by name
        if e.ext in MEDIA_EXT and not (e.vendored or e.test) and e.dir in written and not demo_input(view, e):
            out.append(Evidence(COMPONENT, "present", e.path, f"in the folder {written[e.dir]} writes its "
                                "outputs to", 1, 0.65))
            continue
        if e.vendored or e.test or NOT_SAMPLE.search(e.path) or (e.ext in MEDIA_EXT and RESULTS_FIGURE.search(e.name)) \
                or e.path.startswith(app_assets):
            continue
        if e.ext in MEDIA_EXT:
            if e.name in button_images(view) or SAMPLE_PATH.search(e.path) and demo_input(view, e):
                continue
            if data_input(e.path):
                continue  # data/sample_fr_intro.mp3, data/example.jpg: a recording or picture of the data, an input
            if _named_by_examples_folder_only(e.path):
                continue
            if SAMPLE_PATH.search(e.path) and not _still_teaser(view, e):
                out.append(Evidence(COMPONENT, "present", e.path, "example output (media)", 1, 0.65))
            elif ASSET_DIR.search(e.dir) and e.name not in code_named_files(view):
                # (a picture the code opens by name is what the demo reads: an input, not a result)
                out.append(Evidence(COMPONENT, "present", e.path, "media file in an assets folder", 1, 0.35))
        elif e.ext in (".jsonl", ".json", ".txt", ".md", ".csv") and TEXT_SAMPLES.search(e.path) and \
                not NOT_TEXT_SAMPLE.search(e.name) and not doc_page(e) and \
                not data_input(e.path):  # datasets/sample_dataset.csv
            out.append(Evidence(COMPONENT, "present", e.path, "generated outputs (text)", 1, 0.65))
    # A gallery: several images in an assets folder, none of them logos or diagrams, are in practice
    # the model's showcased outputs (demo screenshots, generations) even when their names do not say so.
    gallery = [x for x in out if x.confidence < 0.5 and not PLOT.search(x.path)]
    if len(gallery) >= GALLERY_MIN:
        out = [x for x in out if x not in gallery] + [
            Evidence(COMPONENT, "present", x.path, "one of several images in an assets folder", 1, 0.5)
            for x in gallery]
    for doc in markdown_docs(view):
        if doc.path.lower().endswith(".ipynb") or is_test_path(doc.path) or PROCESS_DOC.search(doc.path):
            continue
        for h in doc.headings:
            if SAMPLE_HEADING.search(h.text.strip()) and len(doc.section_text(h, 2000).strip()) >= 100:
                page = _page_instead(doc, h)
                if page is not None:  # "Samples are provided on [our sample page](...)"
                    out.append(Evidence(COMPONENT, "link_only", doc.path, f"section \"{h.text[:50]}\" points to "
                                        f"{page.url[:80]}", page.line, 0.55, page.url))
                else:
                    out.append(Evidence(COMPONENT, "partial", doc.path, f"section \"{h.text[:50]}\" shows outputs",
                                        h.line, 0.6))
                break
        else:
            block = next((b for b in doc.code if shown_output(doc, b)), None)
            if block is not None:
                out.append(Evidence(COMPONENT, "partial", doc.path, f"\"{doc.lead_in(block.line)[:50]}\" "
                                    "introduces a generated sample", block.line, 0.55))
    notebooks, own = 0, None
    for e in view.with_ext(".ipynb"):
        if e.vendored or e.test or notebooks >= 20 or view.out_of_time(e.path):
            continue
        notebooks += 1
        text = view.text(e.path, NOTEBOOK_LIMIT, cache=False) or ""  # read once: twenty notebooks must not stay in memory
        if not NOTEBOOK_OUTPUT.search(text) or TRAINING_NOTEBOOK.search(e.name) \
                or PLOT.search(e.name) or RESULTS_FIGURE.search(e.name):  # plots of runs are not outputs
            continue
        own = own_packages(view) if own is None else own  # (listed once, for the first notebook that ran)
        cell = _model_output_cell(text, e.path, cut=e.size > NOTEBOOK_LIMIT, own=own)
        if cell:
            out.append(Evidence(COMPONENT, "partial", e.path, f"notebook keeps what the model produced "
                                f"({cell})", 1, 0.55))
    if not any(x.confidence >= 0.5 for x in out):
        for doc in markdown_docs(view):
            if is_test_path(doc.path) or is_example_path(doc.path):
                continue
            link = played_attachment(doc)
            if link is not None:
                out.append(Evidence(COMPONENT, "link_only", doc.path, f"plays a video or recording attached on the "
                                    f"hosting site: {link.url[:80]}", link.line, 0.55, link.url))
                break
    if not any(x.confidence >= 0.5 for x in out):
        for p in pointers(view):
            if p.kind != "other" or p.in_code or not p.path.lower().endswith((".md", ".rst")) or news_aside(p) \
                    or DATA_FOLDER.search(p.path):
                continue  # (a data folder's README links the data's sources: census.gov/.../demo/ is demographics)
            parts = urlsplit(p.url)
            host = (parts.hostname or "").lower()
            if host and not NOT_DEMO_HOST.search(host) and (DEMO_TEXT.match(p.text[:60]) or DEMO_PATH.search(parts.path)
                                                                or DEMO_LABEL.match(p.context[:200])
                                                                or FOR_SAMPLES.search(sentence_of(view, p)[:500])):
                out.append(Evidence(COMPONENT, "link_only", p.path, f"page of examples: {p.url[:80]}", p.line,
                                    0.55, p.url))
                break
    from mof_lint.detectors import strongest  # (the package imports this module)
    return strongest(view, out, lambda x: -x.confidence)
