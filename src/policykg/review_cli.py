"""``policykg review DRAFT.ttl --report REPORT.txt``: a curator decides each proposal of a draft of
``policykg extract``, and the decided ones enter the tree as curated Turtle (:mod:`policykg.review`).

In a terminal (no ``--decisions``), each proposal is shown beside its sentence and the curator answers
a, r, c, s or q; the decisions are saved after each answer to ``DRAFT.decisions.tsv`` beside the draft,
so that the same command resumes the review. ``--decisions FILE.tsv`` applies a file of decisions
instead. Once every proposal is decided (or with ``--apply``), the accepted ones are written into the
tree, all files at once, and checked as ``policykg validate`` checks, with the new article's coverage;
when any check fails, every file is put back as it was and the command exits 1 with the findings.
"""

import argparse
import sys
from pathlib import Path

from .errors import EXIT_DATA, EXIT_OK


def add_review_command(commands) -> None:
    """Register ``policykg review`` on the subcommands of the ``policykg`` parser (cli.py calls this)."""
    from .cli import _add_root

    parser = commands.add_parser(
        "review", help="decide each proposal of a draft (policykg extract) and write the accepted ones into the tree",
        description="Show each proposal of a draft beside its sentence (the evidence marked), with its confidence and the rule "
        "that proposed it, and decide: a accept, r reject, c correct (field=value: value, unit, indicator, subject, period, "
        "status, class, label, en…), s skip for later, q save and quit. Decisions are saved as they are made to "
        "DRAFT.decisions.tsv beside the draft (run the command again to resume), or read from --decisions FILE.tsv. When "
        "every proposal is decided (or with --apply), the accepted ones are written into the tree as curated Turtle "
        "(the article's text under sources/, its entry in triples/sources.ttl, its claims in triples/claims/ID.ttl, new "
        "entities and indicators in triples/reference/), all files or none, then checked as policykg validate checks, "
        "with the new article's coverage: on any failure the tree is put back as it was, exit 1.")
    _add_root(parser)
    parser.add_argument("draft", metavar="DRAFT.ttl", type=Path, help="the draft policykg extract wrote")
    parser.add_argument("--report", required=True, type=Path, metavar="REPORT.txt",
                        help="the report's text the draft was made from (it becomes sources/ID-SLUG.txt)")
    parser.add_argument("--decisions", type=Path, metavar="FILE.tsv",
                        help="apply this file of decisions instead of asking: one proposal a line, tab-separated: id, "
                        "accept|reject|correct|skip, then field=value corrections, one a column (reason=… on a rejection "
                        "allowlists its mention in coverage)")
    parser.add_argument("--apply", action="store_true", help="write the accepted proposals even though some are undecided or skipped")
    parser.add_argument("--list", action="store_true", help="list the proposals with their sentences and decisions, and write nothing")
    parser.add_argument("--allow-missing", action="store_true",
                        help="let mentions of the new article that are neither covered nor allowlisted stand as warnings, "
                        "not failures (for an article to be finished by hand)")
    parser.set_defaults(run=run_review)


def run_review(args: argparse.Namespace, stdin=None, stdout=None) -> int:
    """Run ``policykg review``: list, ask or read the decisions, then apply them once all are decided (or ``--apply``)."""
    from .review import (
        TreeFacts,
        apply_plan,
        decisions_path,
        describe,
        interactive_review,
        plan_review,
        read_decisions,
        read_draft,
        read_report,
        undecided,
        write_decisions,
    )
    from .tree import Tree

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    tree = Tree.at(args.root)
    draft = read_draft(args.draft)
    report = read_report(args.report, draft)
    facts = TreeFacts.of(tree)
    beside = decisions_path(args.draft)
    source = args.decisions or beside
    decisions = read_decisions(source, draft) if args.decisions or beside.exists() else {}
    total = len(draft.proposals)
    ansi = hasattr(stdout, "isatty") and stdout.isatty()
    if args.list:
        for index, proposal in enumerate(draft.proposals, start=1):
            stdout.write(describe(proposal, draft, facts, report, decisions.get(proposal.id), f"[{index}/{total}] ", ansi) + "\n\n")
        stdout.write(f"{total} proposals, {total - len(undecided(draft, decisions))} decided\n")
        return EXIT_OK
    if not args.decisions:
        if decisions:
            stdout.write(f"resuming the review saved in {beside}: {total - len(undecided(draft, decisions))} of {total} decided\n")
        finished = interactive_review(draft, report, facts, decisions, lambda d: write_decisions(beside, draft, d), stdin, stdout, ansi)
        decisions = read_decisions(beside, draft) if beside.exists() else {}
        if not finished:
            left = len(undecided(draft, decisions))
            stdout.write(f"\nsaved {beside}: {total - left} of {total} proposals decided; run the same command to resume\n")
            return EXIT_OK
    left = undecided(draft, decisions)
    if left and not args.apply:
        stdout.write(f"{len(left)} of {total} proposals are undecided or skipped ({', '.join(p.id for p in left[:5])}"
                     f"{', …' if len(left) > 5 else ''}): nothing written\n"
                     "  decide them (run without --decisions to be asked), or give --apply to write the accepted ones now\n")
        return EXIT_OK
    plan = plan_review(facts, draft, report, decisions)
    counts = plan.counts
    stdout.write(f"applying the review of src:{draft.source_id}: {counts['accept']} accepted, {counts['correct']} corrected, "
                 f"{counts['reject']} rejected, {counts['skip'] + counts['undecided']} left out; {len(plan.files)} files\n")
    result = apply_plan(tree, plan, args.allow_missing)
    stdout.write(result.validation + "\n")
    if result.coverage:
        stdout.write(result.coverage + "\n")
    if result.ok:
        stdout.write("wrote " + ", ".join(str(tree.relative(path)) for path in result.written) + "\n")
        return EXIT_OK
    print(f"policykg: the checks failed on the reviewed claims of src:{draft.source_id} (findings above): every file is back as it "
          f"was before the apply\n  fix: correct the decisions ({source}) and run the command again", file=sys.stderr)
    return EXIT_DATA
