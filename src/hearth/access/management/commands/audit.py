import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hearth.access.actions.audit import SequencerRefused, keep_head, sequence
from hearth.access.queries import (
    check_consistency,
    check_proof,
    prove,
    prove_consistency,
    verify,
)


class Command(BaseCommand):
    help = ("The audit log (issue 14): `hearth audit verify` checks every entry, the chain, "
            "every signed head and the head kept outside the database "
            "(settings.AUDIT_HEAD_FILE); `hearth audit prove ENTRY_ID` prints one entry's "
            "inclusion proof as JSON and verifies it; `hearth audit consistency SIZE` proves "
            "that the signed head of SIZE entries is a prefix of the newest; `hearth audit "
            "sequence` links the entries waiting now, as `hearth worker` does every second.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="exit 0 if intact; otherwise name the first bad entry")
        proof = sub.add_parser("prove", help="print an entry's inclusion proof and verify it")
        proof.add_argument("entry_id", nargs="?", type=int, help="the entry's id")
        proof.add_argument("--check", metavar="FILE", type=Path,
                           help="verify a proof printed before (JSON) instead")
        consistent = sub.add_parser("consistency", help="prove an older signed head a prefix "
                                    "of a newer one (the log only grew) and verify it")
        consistent.add_argument("first", type=int, help="entries in the older signed head")
        consistent.add_argument("second", type=int, nargs="?",
                                help="entries in the newer one (default: the newest)")
        sub.add_parser("sequence", help="link the entries waiting for the sequencer now")

    def handle(self, *args, action, **options):
        if action == "prove":
            return self.prove(options["entry_id"], options["check"])
        if action == "sequence":
            return self.sequence()
        if action == "consistency":
            return self.consistency(options["first"], options["second"])
        result = verify()
        if not result.ok:
            raise CommandError(f"Audit log broken after {result.checked} good entries: "
                               f"{result.problem}", returncode=1)
        self.stdout.write(f"Audit log intact: {result.checked} entries verified "
                          f"({result.linked} in the signed log, {result.waiting} waiting for "
                          f"the sequencer); {result.kept}.")
        # The newest signed head is kept (only ever forwards): the first verify after an
        # upgrade starts the copy, and a copy behind the database catches up.
        if result.head is not None and keep_head(result.head):
            self.stdout.write(f"Kept the log's head ({result.head.size} entries) at "
                              f"{settings.AUDIT_HEAD_FILE}.")

    def prove(self, entry_id, check):
        if check is not None:
            try:
                proof = json.loads(check.read_text())
            except (OSError, ValueError) as exc:
                raise CommandError(f"{check}: {exc}", returncode=2) from exc
        elif entry_id is None:
            raise CommandError("Name an entry (hearth audit prove ENTRY_ID) or --check FILE.",
                               returncode=2)
        else:
            try:
                proof = prove(entry_id)
            except LookupError as exc:
                raise CommandError(str(exc), returncode=1) from exc
            self.stdout.write(json.dumps(proof, indent=2))
        problem = check_proof(proof) if isinstance(proof, dict) else "this is not a proof"
        if problem:
            raise CommandError(f"The proof fails: {problem}.", returncode=1)
        self.stderr.write(f"Verified: entry {proof['entry']} is entry {proof['seq']} of the "
                          f"{proof['tree_size']} in the log's signed head of "
                          f"{proof['signed_at']}.")

    def consistency(self, first, second):
        try:
            proof = prove_consistency(first, second)
        except LookupError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        self.stdout.write(json.dumps(proof, indent=2))
        problem = check_consistency(proof)
        if problem:
            raise CommandError(f"The proof fails: {problem}.", returncode=1)
        self.stderr.write(f"Verified: the log's first {proof['first']['tree_size']} entries "
                          f"are unchanged in its signed head of "
                          f"{proof['second']['tree_size']}.")

    def sequence(self):
        try:
            linked = sequence()
        except SequencerRefused as exc:
            raise CommandError(f"The sequencer refused: {exc}.", returncode=1) from exc
        if linked is None:
            self.stdout.write("Another sequencer is at work; it links the entries waiting.")
        else:
            self.stdout.write(f"Linked {linked} entries into the audit log.")
