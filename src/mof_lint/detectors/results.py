"""Evaluation results: results tables in READMEs and cards (metric columns with numbers), results
files (results/*.json, eval_results.*), the Hub's `model-index`, and result plots."""
from __future__ import annotations

import re
from itertools import islice

from mof_lint.detectors import pyfacts
from mof_lint.detectors.cards import CARD_NAME, DATA_HEADING
from mof_lint.detectors.code import EVAL_NAME
from mof_lint.detectors.common import IMAGE_EXT, markdown_docs, readme
from mof_lint.detectors.markdown import PLAIN_LANGS
from mof_lint.evidence import Evidence
from mof_lint.repo import TEXT_LIMIT, RepoView, is_example_path, is_test_path
from mof_lint.safeparse import ParseFailure
from mof_lint import lazyre

COMPONENT = "evaluation_results"
METRIC = lazyre.compile(r"\b(acc(uracy)?|top-?[15]|bleu|rouge(-?[l12])?|f1|em|exact match|pass@\d+|mmlu|"
                        r"hellaswag|arc(-[ce])?|winogrande|piqa|boolq|gsm8k|humaneval|mbpp|truthfulqa|lambada|"
                        r"openbookqa|sciq|perplexity|ppl|map|miou|iou|fid|clip ?score|wer|cer|auc|recall|"
                        r"precision|score|avg|average|win ?rate|elo|mt-bench|imagenet|coco|glue|superglue|"
                        r"squad|zero-?shot|few-?shot|\d-shot|em|bertscore|meteor|cider|spice|psnr|ssim|"
                   # other fields' standard measures: detection and segmentation (box AP, AP50, PQ),
                   # retrieval, forecasting and regression, depth, audio, image generation, language
                   # modelling, structure prediction, survival
                   r"ap|ap\d\d|ap[sml]|pq|ndcg|mrr|r@\d+|recall@\d+|spearman|pearson|rmse|mse|mape|smape|mase|r2|"
                   r"crps|wql|abs ?rel|sdr|si-?sdr|pesq|stoi|mos|utmos|eer|lpips|fvd|kid|bpc|bpb|nll|tm-?score|"
                   r"l?ddt|plddt|gdt(?:[_-]ts)?|rmsd|c-?index|log ?loss|mcc|auroc|auprc|"
                   # a held-out loss is the score of a language model's release table ("val loss 1.072");
                   # the training loss is not a result
                   r"(?:val|valid|validation|test|eval|held-?out) ?loss)\b", re.I)
# One class on each side of the number: adjacent optional runs of the same characters ("\s*%?\s*")
# backtrack cubically on a cell of spaces.
NUMBER = lazyre.compile(r"^[\s*_]*(?:[<>≈~]\s*)?-?\d+(?:\.\d+)?[\s%*_]*(?:[±(].*)?$")
PERCENT_OR_DECIMAL = lazyre.compile(r"(?<!\d)\d+(?:\.\d+)?\s*%|\d\.\d{2}")  # starts at a number's first digit
# The paragraph just above a table or block says what it holds: "Results of accuracy evaluation
# with ...:", "Average validation scores ... are listed below."
RESULT_LEAD = lazyre.compile(r"\b(results?|scores?|evaluation|evaluated|benchmarks?|accuracy)\b", re.I)
RESULTS_LIST = lazyre.compile(r"\b(metrics|results|benchmarks?|scores|evaluations?|leaderboards?)\b", re.I)
SCORE = lazyre.compile(r"-?\d{1,12}(\.\d{1,12})? ?%?")  # matched whole


def score_line(line: str) -> bool:
    """`name: 0.9088`, `top-1 = 76.2 %`: a name, then a number after the last colon or equals sign."""
    line = line.strip()[:200]
    for sep in (":", "="):
        name, found, value = line.rpartition(sep)
        if found and name.strip() and SCORE.fullmatch(value.strip()):
            return True
    return False


def scores_block(doc, block) -> bool:
    """A plain block of at least two `name: number` lines, introduced as results or scores."""
    if block.lang not in PLAIN_LANGS:
        return False
    lines = block.text.strip().split("\n")[:200]
    return sum(1 for line in lines if score_line(line)) >= 2 and \
        RESULT_LEAD.search(doc.lead_in(block.line)) is not None


RESULT_HEADING = lazyre.compile(r"results?|evaluation|performance|benchmarks?|metrics|comparisons?\b|评测|结果|效果", re.I)
# ... as a whole word, in a heading that encloses the table's own ("Results and Pre-trained Models"),
# not "resulting consequences" in a warning set as a heading
RESULT_TITLE = lazyre.compile(r"\b(results?|evaluations?|performance|benchmarks?|metrics|comparisons?)\b|评测|结果|效果", re.I)
BETTER_ARROW = lazyre.compile(r"[↑↓⬆⬇]|\((higher|lower) is better\)", re.I)
RESULT_FILE = lazyre.compile(r"(^|/)(results?|eval_results?|evaluation_results?|metrics|scores|leaderboard)"
                             r"([/_\-.]|$)", re.I)
RESULT_FILE_WORDS = ("result", "metric", "score", "leaderboard")  # what every RESULT_FILE path holds
RESULT_FILE_EXT = frozenset((".json", ".jsonl", ".csv", ".tsv", ".md", ".txt", ".yaml"))
QUALITY_WORD = lazyre.compile(r"acc|score|top-?[15]|map\b|pareto|quality|wer|bleu|fid|psnr", re.I)
RESULT_IMAGE = lazyre.compile(r"result|score|accuracy|benchmark|eval|performance|comparison|leaderboard|"
                              r"pareto|latency", re.I)
# A table of speed or cost (latency, real-time factor, throughput, memory) benchmarks the serving
# stack, not the model's quality: its "Avg" and "score" columns are not evaluation results.
SPEED = lazyre.compile(r"latency|throughput|\brtf\b|real[- ]time|speed|tokens?/s|\bfps\b|\bqps\b|memory|vram|"
                       r"\btime\b|\bms\b|seconds?|gpu[- ]hours?|concurrency|batch", re.I)
INLINE_CODE = lazyre.compile(r"`[^`\n]*`")
# Addresses are not figures: "arxiv.org/abs/2406.09414" holds a "6.09" (a link target, a bare URL).
ADDRESS = lazyre.compile(r"\]\([^)\s]{0,500}\)|<?https?://[^\s)>]{0,500}")  # bounded: "](](](" is linear
NOT_RESULT_IMAGE = lazyre.compile(r"logo|diagram|architecture|overview|pipeline|banner|profil|wechat|qr", re.I)


# A quality metric and, within the same sentence, a percentage: "accuracy >96%", "WER of 4.2%".
METRIC_FIGURE = lazyre.compile(r"\b(accuracy|top-?[15]|f1|bleu|rouge|wer|cer|auc|map|miou|pass@\d+|exact match)\b"
                               r"[^.\n%]{0,80}?\d+(?:\.\d+)?\s?%|"
                               # ... or a measure that is not a percentage, with its decimal value ("improves
                               # reconstruction FID from 2.11 to 0.30", "a PSNR of 32.41 dB")
                               r"\b(fid|psnr|ssim|lpips|perplexity|mos|eer|cider|rmsd|lddt|tm-score)\b"
                               r"[^.\n\d]{0,40}\d{1,3}\.\d{1,3}\b", re.I)
# A README that sends the reader to the paper for the scores: "corresponding to Table 3 of the paper",
# "performance ... (see [our new paper](...))", "see the technical report for benchmark results". Each
# gap between words is bounded, so no two repeats can trade the same characters.
# ("the original paper" is the work a re-implementation follows, not this model's: its results are not these)
_PAPER = r"\[?(the|our)\s+(?!original\b)(\w+\s+){0,2}?(paper|technical report|tech report|preprint)\b"
PAPER_RESULTS = lazyre.compile(
    r"\b(tables?|tab\.|figures?|fig\.)\s*\d+\s+(of|in|from)\s+" + _PAPER + "|"
    r"\b(results?|performance|scores?|benchmarks?|evaluations?|accuracy|metrics)\b[^.\n]{0,100}?"
    r"\b(in|of|from|see)\s+" + _PAPER + "|"
    r"\b(see|refer to|described in|detailed in|reported in|found in)\s+" + _PAPER +
    r"\s+for\s+(\w+\s+){0,3}?(results?|performance|evaluations?|benchmarks?|comparisons?|scores)\b", re.I)
# ... unless the sentence does not point there: "to replicate the results presented in the paper"
# (what the code is for), "the command will produce the scores presented in the paper", "this mode
# yields better results as stated in the paper" (what running the code gives), "this result was not
# included in the paper", "performance is close to the model reported in the paper", "report metrics
# as in our paper".
NOT_POINTING = lazyre.compile(r"\b(reproduc\w*|produc(e|es|ed|ing)|yield\w*|replicat\w*|not|close to|as in)\b", re.I)
AVERAGE = lazyre.compile(r"avg\.?|average|mean", re.I)


def prose(text: str) -> str:
    """The sentences of a section: no code (fenced blocks, inline spans: `pip install x==3.24.0` reports no
    result), no addresses (a paper's arXiv number is not a score) and no table rows (tables are judged
    as tables: a speed table reports no result either)."""
    out, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            out.append("")
            continue
        # (a left-out line stays as an empty one, so that line numbers still count the document's lines)
        out.append(ADDRESS.sub("]", INLINE_CODE.sub(" ", line)) if not fenced and not line.lstrip().startswith("|")
                   else "")
    return "\n".join(out)


def _numeric_cells(rows: list[list[str]]) -> int:
    return sum(1 for row in rows for cell in row if NUMBER.match(cell))


def detect(view: RepoView) -> list[Evidence]:
    out = []
    for doc in markdown_docs(view):
        if is_test_path(doc.path):
            continue
        fm = doc.front_matter or {}
        if isinstance(fm.get("model-index"), list):
            out.append(Evidence(COMPONENT, "present", doc.path, "model-index results in the card's front "
                                "matter", 1, 0.9))
        for table in doc.tables:
            if any(SPEED.search(h) for h in table.header) and not any(
                    METRIC.search(h) and not SPEED.search(h) and not AVERAGE.fullmatch(h.strip()) for h in table.header):
                continue  # a speed benchmark
            # (a column marked better-up or better-down, "FAD ↓", "OVL ↑", is a measure whatever its name)
            metric_cols = [h for h in table.header if METRIC.search(h) or BETTER_ARROW.search(h)]
            first_col = [r[0] for r in table.rows if r]
            metric_rows = [c for c in first_col if METRIC.search(c)]
            numbers = _numeric_cells(table.rows)
            # (the heading may be one level up: "Results and Pre-trained Models" over "### FAN-ViT
            # ImageNet-1K trained models" and its table of IN-1K / IN-C / IN-A scores)
            if (metric_cols or metric_rows or RESULT_HEADING.search(table.section) or
                    any(len(t) <= 80 and RESULT_TITLE.search(t) for t in doc.outer_sections(table.line)[:3]) or
                    RESULT_LEAD.search(doc.lead_in(table.line))) and numbers >= 2:
                names = ", ".join((metric_cols or metric_rows)[:3]) or "numbers"
                out.append(Evidence(COMPONENT, "present", doc.path, f"results table ({names})", table.line,
                                    0.85 if (metric_cols or metric_rows) else 0.6))
                break
        else:
            for h in doc.headings:
                if RESULT_HEADING.search(h.text) and PERCENT_OR_DECIMAL.search(prose(doc.section_text(h, 4000)[:4000])):
                    out.append(Evidence(COMPONENT, "partial", doc.path, f"section \"{h.text[:50]}\" reports "
                                        "numbers", h.line, 0.6))
                    break
            else:
                block = next((b for b in doc.code if scores_block(doc, b)), None)
                if block is not None:  # "Validation scores are listed below:" then "ckpt_1: 0.9088" lines
                    out.append(Evidence(COMPONENT, "partial", doc.path, f"\"{doc.lead_in(block.line)[:50]}\" "
                                        "introduces scores", block.line, 0.6))
                    continue
                # a card that states scores in its sentences ("accuracy >96% across all groups")
                if CARD_NAME.search(doc.path) or "/" not in doc.path and doc.path.lower().startswith("readme"):
                    for m in islice(METRIC_FIGURE.finditer(prose(doc.text[:100_000])), 20):
                        line = doc.text.count("\n", 0, doc.text.find(m.group(0))) + 1 if m.group(0) in doc.text else 1
                        if DATA_HEADING.search(doc.section_of(line).strip()):
                            continue  # "the label accuracy was approximately 90%" describes the data
                        out.append(Evidence(COMPONENT, "partial", doc.path, f"states a score ({m.group(0)[:60]})",
                                            line, 0.55))
                        break
    out += _results_figures(view)
    root = readme(view)
    for link in root.links if root is not None else ():
        if link.url.startswith("http") and RESULTS_LIST.search(link.item):
            # "* Technical reports for metrics and model capabilities:\n  * [Model 2](url)": where the
            # scores are, not the scores
            out.append(Evidence(COMPONENT, "link_only", root.path, f"listed under \"{link.item.strip()[:50]}\"",
                                link.line, 0.55, link.url))
            break
    if root is not None:
        text = prose(root.text[:100_000])
        for m in islice(PAPER_RESULTS.finditer(text), 20):
            # "zero-shot evaluations (corresponding to Table 3 of the paper)": the scores are there
            line = text.count("\n", 0, m.start()) + 1
            opening = text[max(0, m.start() - 150):m.start()]
            sentence = re.split(r"[.!?:]\s", opening)[-1] + m.group(0)
            if root.in_code(line) or NOT_POINTING.search(sentence):
                continue
            out.append(Evidence(COMPONENT, "link_only", root.path, f"points to the paper for its results "
                                f"(\"{' '.join(m.group(0).split())[:60]}\")", line, 0.55))
            break
    for e in view.containing(*RESULT_FILE_WORDS):
        if e.ext in RESULT_FILE_EXT and not (e.vendored or e.test) and RESULT_FILE.search(e.path):
            out.append(Evidence(COMPONENT, "present", e.path, "results file", 1, 0.75))
    if not any(x.confidence >= 0.75 for x in out):
        out += _scored_eval_files(view)
    if not any(x.confidence >= 0.7 for x in out):
        out += _scored_tables(view)
    for e in view.with_ext(*IMAGE_EXT):
        if not (e.vendored or e.test) and RESULT_IMAGE.search(e.name) and not NOT_RESULT_IMAGE.search(e.name) \
                and not (SPEED.search(e.name.replace("_", " ")) and not QUALITY_WORD.search(e.name)):
            # (a latency or throughput chart alone scores no quality; accuracy against latency does)
            out.append(Evidence(COMPONENT, "present", e.path, "results figure", 1, 0.6))
    if not any(x.confidence >= 0.55 for x in out):
        out += _notebook_scores(view)
    from mof_lint.detectors import strongest  # (the package imports this module)
    return strongest(view, out, lambda x: -x.confidence)


# A measure with its number, as a run prints it ("Testing MSE: 0.80", "WER: 6.91%", "test final
# score: 5000/5000") ...
MEASURE = (r"(accuracy|acc|top-?[15]|f1|mse|mae|rmse|wer|cer|bleu|rouge-?\w{0,2}|auc|auroc|auprc|pearson|"
           r"spearman|concordance index|perplexity|ppl|psnr|ssim|fid|precision|recall|score|correct|"
           # retrieval's measures ("'R@1': 17.8", "mean_rank"; recall@10 is "recall" above)
           r"r@\d{1,3}|mean_rank|median_rank|mrr|ndcg(@\d{1,3})?)")
SCORED_LINE = lazyre.compile(r"\b" + MEASURE + r"\b\W{0,6}\d", re.I)
# ... on held-out data, said on the same line.
HELD_OUT_SCORE = lazyre.compile(r"\b(test(ing)?|eval\w{0,8}|valid\w{0,8})\b[^\n]{0,60}?\b" + MEASURE +
                                r"\b\W{0,6}\d", re.I)
MAX_SCORED_NOTEBOOKS = 50


def _notebook_scores(view: RepoView) -> list[Evidence]:
    """A notebook of the repository's own (not a test's, not a tutorial for users) whose saved output
    reports scores on held-out data ("Testing MSE: 0.80 , Concordance Index: 0.56"), or any scores
    when the notebook is named for evaluation: results, recorded where they were computed."""
    out = []
    examined = 0
    for e in view.with_ext(".ipynb"):
        if e.vendored or e.test or is_example_path(e.path):
            continue
        examined += 1
        if examined > MAX_SCORED_NOTEBOOKS or view.out_of_time(e.path):
            break
        text = view.text(e.path)
        if not text or '"outputs"' not in text:
            continue
        try:
            shown = pyfacts.notebook_outputs(text, e.path, cut=e.size > TEXT_LIMIT)
        except ParseFailure:
            continue  # reported where the notebook's code is read
        m = HELD_OUT_SCORE.search(shown) or (EVAL_NAME.search(e.path) and SCORED_LINE.search(shown))
        if m:
            out.append(Evidence(COMPONENT, "partial", e.path, "the notebook's saved output reports scores "
                                f"(\"{' '.join(m.group(0).split())[:60]}\")", 1, 0.5))
            if len(out) >= 5:
                break
    return out


# An evaluation's output named for it (eval_catboost.json, mlp_eval.json, evaluation_test.json) ...
EVAL_FILE = lazyre.compile(r"(^|[_\-.])(eval|evaluation)([_\-.]|$)", re.I)
# ... whose keys are measures with numbers (`"r2-mean": 0.8304`, `"f1": 0.71`), not settings.
SCORE_KEY = lazyre.compile(r"\"([\w\- @.]{1,40})\"\s*:\s*-?\d")
MAX_EVAL_FILES = 200


# ... or a run's record (report.json, stats.json: what the script that trained and scored it wrote)
# whose measures sit under a held-out split (`"metrics": {"test": {"rmse": 0.47, "score": -0.47}}`),
# not a data file's statistics.
RUN_RECORD = lazyre.compile(r"^(report|stats|summary)$", re.I)
HELD_OUT_SECTION = lazyre.compile(r"\"(test|val|valid|validation|dev|eval)\"\s*:\s*\{")


def _scored_eval_files(view: RepoView) -> list[Evidence]:
    """JSON files an evaluation wrote, named for it, that hold two or more measures with values: the
    scores, per run, as the experiment left them (exp/<dataset>/<method>/eval_catboost.json,
    output/<dataset>/<model>/<seed>/stats.json with its test split's scores)."""
    out = []
    files = [e for e in view.with_ext(".json") if (EVAL_FILE.search(e.name[:-5]) or RUN_RECORD.match(e.name[:-5]))
             and not (e.vendored or e.test)]
    for e in files[:MAX_EVAL_FILES]:
        if e.size > 1 << 20:
            continue
        text = (view.text(e.path) or "")[:64 << 10]
        if not EVAL_FILE.search(e.name[:-5]) and not HELD_OUT_SECTION.search(text):
            continue
        keys = {m.group(1).lower() for m in SCORE_KEY.finditer(text)}
        measures = sorted({m.group(0).lower() for k in keys if (m := METRIC.search(k.replace("-", " ").replace("_", " ")))})
        if len(measures) >= 2:  # two measures, not one measure's mean and std
            out.append(Evidence(COMPONENT, "present", e.path, f"an evaluation's scores ({', '.join(measures[:3])})",
                                1, 0.7))
            if len(out) >= 3:
                break
    return out


# Measures too common as column names of data ("DMS_score", "average_length") to mark a table of scores alone.
GENERIC_MEASURES = frozenset({"score", "avg", "average", "precision", "recall", "em"})
MAX_TABLE_FILES = 200
MODEL_COLUMN = lazyre.compile(r"^(model|method|system|checkpoint|baseline)s?([ _\-]?(name|id))?$", re.I)


def _scored_tables(view: RepoView) -> list[Evidence]:
    """A CSV or TSV table of scores (a leaderboard: `Model_name, Average_Spearman, AUC, MCC, ...`):
    its header names two or more of the field's measures and its first row has numbers. A table
    of data names at most one (a label column "score")."""
    out = []
    files = [e for e in view.with_ext(".csv", ".tsv") if not (e.vendored or e.test) and e.size < 64 << 20]
    for e in files[:MAX_TABLE_FILES]:
        head = (view.text(e.path, limit=8 << 10, cache=False) or "").split("\n", 2)
        if len(head) < 2:
            continue
        sep = "\t" if e.ext == ".tsv" or head[0].count("\t") > head[0].count(",") else ","
        columns = [c.strip().strip('"') for c in head[0].split(sep)[:200]]
        measures = {m.group(0).lower() for c in columns for m in METRIC.finditer(c.replace("_", " ").replace("-", " ")[:80])}
        numbers = sum(1 for c in head[1].split(sep)[:200] if SCORE.fullmatch(c.strip().strip('"')))
        specific = len(measures - GENERIC_MEASURES)
        ranked = any(MODEL_COLUMN.match(c) for c in columns)  # a leaderboard names what it ranks
        if (specific >= 2 or specific and ranked) and numbers >= 2:
            out.append(Evidence(COMPONENT, "present", e.path, f"a table of scores ({', '.join(sorted(measures)[:3])})",
                                1, 0.7))
            if len(out) >= 3:
                break
    return out


# Where a README keeps its figures: files of the repository, or GitHub's attachment hosts.
ATTACHMENT = lazyre.compile(r"github\.com/[^/]+/[^/]+/assets/|user-attachments|githubusercontent\.com", re.I)
RESULTS_WORDS = lazyre.compile(r"\b(results?|scores?|accuracy|benchmarks?|evaluat\w*|performance|compar\w*)\b", re.I)


def _results_figures(view: RepoView) -> list[Evidence]:
    """A figure the card shows as results, whatever its file is called: under a results heading
    ("Evaluation Results" then <img src="figures/fig1.jpg">), or named as scores by its alt text or
    the sentence that introduces it ("The figure below shows a performance breakdown ... using WERs";
    "![WER breakdown by language](...)"). Not a speed chart, a diagram or a logo."""
    out = []
    for doc in markdown_docs(view):
        if not (CARD_NAME.search(doc.path) or "/" not in doc.path and doc.path.lower().startswith("readme")):
            continue
        for link in doc.links:
            url = link.url.split("?", 1)[0].split("#", 1)[0]
            if link.in_code or not (url.lower().endswith(IMAGE_EXT) or ATTACHMENT.search(url)):
                continue
            said = f"{link.text} {doc.lead_in(link.line)}"
            if NOT_RESULT_IMAGE.search(f"{url} {link.text}") or SPEED.search(said):
                continue
            if RESULT_HEADING.search(link.section) or METRIC.search(link.text) or \
                    RESULTS_WORDS.search(doc.lead_in(link.line)) and METRIC.search(doc.lead_in(link.line)):
                out.append(Evidence(COMPONENT, "partial", doc.path, f"results figure ({(link.text or url)[:50]})",
                                    link.line, 0.55))
                break
    return out

