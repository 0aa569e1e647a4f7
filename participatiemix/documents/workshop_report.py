"""The werksessie report: case, questions, rode draden per question and every group's notes.

Built as a documents.base.Document, so DOCX, PDF and Markdown share the municipal house style.
Like scan_report.py it imports no app: the view gathers the data (workshop selectors `rondgang` and
`threads_overview`) and hands it in.
"""

from __future__ import annotations

from collections.abc import Sequence

from participatiemix.documents.base import Bullets, Document, Facts, Heading, Note, PageBreak, Paragraph, Table

TEXT = {
    "nl": {
        "kind": "Verslag werksessie",
        "subtitle": "Taskforce lokale democratie: rode draden en alle notities",
        "code": "Code",
        "phase": "Fase",
        "groups": "Groepen",
        "timing": "Tijd",
        "timing_value": "{g} minuten in groepen, {r} minuten rondgang",
        "case": "De casus",
        "questions": "De vragen",
        "threads": "Rode draden",
        "threads_intro": (
            "De notities van alle groepen, per vraag gegroepeerd op wat ze zeggen. Per rode draad staat hoeveel "
            "groepen het noemden."
        ),
        "question": "Vraag {n}",
        "thread_col": "Rode draad",
        "groups_col": "Groepen",
        "notes_col": "Notities",
        "pinned": " (vastgezet)",
        "no_threads": "Nog geen rode draden bij deze vraag.",
        "unassigned": "Nog niet ingedeeld",
        "all_notes": "Alle notities per groep",
        "no_notes": "Geen notities.",
        "none": "Deze groep heeft nog geen notities.",
        "caption": "Rode draden bij vraag {n}",
        "group_count": "{n} van {total}",
    },
    "en": {
        "kind": "Workshop report",
        "subtitle": "Local democracy taskforce: common threads and all notes",
        "code": "Code",
        "phase": "Phase",
        "groups": "Groups",
        "timing": "Time",
        "timing_value": "{g} minutes in groups, {r} minutes round",
        "case": "The case",
        "questions": "The questions",
        "threads": "Common threads",
        "threads_intro": (
            "All groups' notes, grouped per question by what they say. Each thread shows how many groups raised it."
        ),
        "question": "Question {n}",
        "thread_col": "Thread",
        "groups_col": "Groups",
        "notes_col": "Notes",
        "pinned": " (pinned)",
        "no_threads": "No threads for this question yet.",
        "unassigned": "Not yet grouped",
        "all_notes": "All notes per group",
        "no_notes": "No notes.",
        "none": "This group has no notes yet.",
        "caption": "Threads for question {n}",
        "group_count": "{n} of {total}",
    },
}


def workshop_document(*, workshop, rounds: Sequence, overview: Sequence, lang: str = "nl") -> Document:
    """The whole session as a Document.

    `workshop` needs title, code, case_text, group_minutes, rondgang_minutes and get_phase_display();
    `rounds`: per question every group's notes (question, columns of group + notes);
    `overview`: per question its threads (thread, notes, group_count) and unassigned notes.
    """
    t = TEXT["en" if lang == "en" else "nl"]
    groups = [c.group for c in rounds[0].columns] if rounds else []
    doc = Document(title=workshop.title, subtitle=t["subtitle"], kind=t["kind"], lang=lang)
    doc.add(
        Facts(
            [
                (t["code"], workshop.code),
                (t["phase"], str(workshop.get_phase_display())),
                (t["groups"], ", ".join(g.name for g in groups) or "-"),
                (t["timing"], t["timing_value"].format(g=workshop.group_minutes, r=workshop.rondgang_minutes)),
            ]
        ),
        Heading(t["case"], 1),
        *[Paragraph(p.strip()) for p in workshop.case_text.split("\n\n") if p.strip()],
        Heading(t["questions"], 1),
        Bullets([r.question.text for r in rounds], numbered=True),
        Heading(t["threads"], 1),
        Paragraph(t["threads_intro"], "muted"),
    )
    for qt in overview:
        n = qt.question.number
        doc.add(Heading(f"{t['question'].format(n=n)}: {qt.question.text}", 2))
        if not qt.threads:
            doc.add(Paragraph(t["no_threads"], "muted"))
        else:
            rows = [
                [
                    tv.thread.label + (t["pinned"] if tv.thread.pinned else ""),
                    t["group_count"].format(n=tv.group_count, total=len(groups)),
                    "\n".join(f"{note.text} ({note.group.name})" for note in tv.notes),
                ]
                for tv in qt.threads
            ]
            doc.add(Table([t["thread_col"], t["groups_col"], t["notes_col"]], rows, caption=t["caption"].format(n=n)))
        if qt.unassigned:
            doc.add(Note("; ".join(note.text for note in qt.unassigned), "info", t["unassigned"]))
    doc.add(PageBreak(), Heading(t["all_notes"], 1))
    for index, group in enumerate(groups):
        doc.add(Heading(group.name, 2))
        columns = [(r.question, r.columns[index].notes) for r in rounds]
        if not any(notes for _q, notes in columns):
            doc.add(Paragraph(t["none"], "muted"))
            continue
        for question, notes in columns:
            doc.add(Heading(f"{t['question'].format(n=question.number)}: {question.text}", 3))
            doc.add(Bullets([note.text for note in notes]) if notes else Paragraph(t["no_notes"], "muted"))
    return doc
