"""What a document may be, as plain functions of its bytes and its name (practice 5).

A file's kind is read from its content (``filetype``'s signatures, and a check for plain text),
never from its name: an executable renamed ``.pdf`` is a Windows program, and is refused as one.
The name's extension must then agree with the content, so that the name a download is saved as
says what it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import filetype

#: Enough of the start of a file to recognise it (filetype reads 8 KB; Office's zip entries
#: and plain text need a little more).
HEAD_BYTES = 16 * 1024
MACH_O = {bytes.fromhex(h) for h in ("cffaedfe", "cefaedfe", "feedfacf", "feedface", "cafebabe")}
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # Word 97–2003, Excel 97–2003, Outlook .msg


@dataclass(frozen=True)
class Accepted:
    """A kind of file Hearth keeps: what to call it, and its extensions and content types."""

    label: str
    types: dict[str, str]  # extension -> content type; the first is the one a name is given


ACCEPTED: dict[str, Accepted] = {
    "pdf": Accepted("a PDF", {"pdf": "application/pdf"}),
    "png": Accepted("a PNG image", {"png": "image/png"}),
    "jpg": Accepted("a JPEG image", {"jpg": "image/jpeg", "jpeg": "image/jpeg"}),
    "gif": Accepted("a GIF image", {"gif": "image/gif"}),
    "heic": Accepted("a HEIC image", {"heic": "image/heic", "heif": "image/heif"}),
    "docx": Accepted("a Word document", {"docx": "application/vnd.openxmlformats-"
                                                  "officedocument.wordprocessingml.document"}),
    "xlsx": Accepted("an Excel spreadsheet", {"xlsx": "application/vnd.openxmlformats-"
                                                       "officedocument.spreadsheetml.sheet"}),
    "pptx": Accepted("a PowerPoint presentation", {
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}),
    "ole": Accepted("a Word 97–2003, Excel 97–2003 or Outlook file", {
        "doc": "application/msword", "xls": "application/vnd.ms-excel",
        "msg": "application/vnd.ms-outlook"}),
    "text": Accepted("plain text or an e-mail", {"txt": "text/plain", "eml": "message/rfc822",
                                                 "text": "text/plain"}),
}

#: What to call an extension a name has, in a refusal ("…, not a PDF").
EXTENSION_LABELS = {ext: kind.label for kind in ACCEPTED.values() for ext in kind.types}
EXTENSION_LABELS.update({"doc": "a Word 97–2003 document", "xls": "an Excel 97–2003 "
                         "spreadsheet", "msg": "an Outlook e-mail", "eml": "an e-mail",
                         "txt": "plain text", "text": "plain text"})

#: What other content is, in a refusal ("This file is a Windows program, …").
OTHER_LABELS = {"exe": "a Windows program", "elf": "a Linux program", "macho": "a Mac program",
                "zip": "a zip archive",
                "rar": "a RAR archive", "7z": "a 7-Zip archive", "gz": "a compressed archive",
                "sqlite": "a database file", "swf": "a Flash file", "rtf": "a Rich Text file",
                "wasm": "a WebAssembly program", "crx": "a browser extension",
                "deb": "a software package", "rpm": "a software package",
                "cab": "a Windows cabinet archive", "mp4": "a video", "mov": "a video",
                "mp3": "an audio file", "wav": "an audio file", "odt": "an OpenDocument file",
                "ods": "an OpenDocument file", "odp": "an OpenDocument file",
                "tif": "a TIFF image", "bmp": "a bitmap image", "webp": "a WebP image",
                "ps": "a PostScript file"}

ALLOWED_SUMMARY = ("PDFs, images (PNG, JPEG, GIF, HEIC), Word, Excel and PowerPoint documents "
                   "(also Word and Excel 97–2003), plain text and e-mails (.eml, .msg)")


class NotAccepted(ValueError):
    """The file is not a kind Hearth keeps; the message says what it is."""


def looks_like_text(head: bytes) -> bool:
    """No NUL bytes, and readable as UTF-8 (a character cut at the end of ``head`` is fine) or
    as Windows-1252 without control characters other than tab, newline and return."""
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return True
    controls = set(range(32)) - {9, 10, 12, 13}
    return not any(byte in controls or byte == 127 for byte in head)


def identify(head: bytes) -> str:
    """The kind of the content: a key of ``ACCEPTED``, another type's extension, or ""."""
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"MZ"):
        return "exe"
    if head.startswith(b"\x7fELF"):
        return "elf"
    if head[:4] in MACH_O:
        return "macho"
    found = filetype.guess(head)
    if found is not None:
        return {"jpeg": "jpg", "doc": "ole", "xls": "ole", "ppt": "ole"}.get(
            found.extension, found.extension)
    if head and looks_like_text(head):
        return "text"
    return ""


def extension_of(name: str) -> str:
    base = re.split(r"[\\/]", name or "")[-1]
    return base.rpartition(".")[2].lower() if "." in base else ""


def check_content(head: bytes, name: str) -> tuple[str, str]:
    """(extension, content type) for a file that starts with ``head`` and is called ``name``;
    ``NotAccepted`` with the reason for any other."""
    if not head:
        raise NotAccepted("The file is empty.")
    kind = identify(head)
    extension = extension_of(name)
    wanted = EXTENSION_LABELS.get(extension)
    accepted = ACCEPTED.get(kind)
    if not kind:
        raise NotAccepted("Hearth cannot tell what kind of file this is, so it was not added: "
                          f"Hearth accepts {ALLOWED_SUMMARY}.")
    if accepted is None:
        what = OTHER_LABELS.get(kind, f"a .{kind} file")
        if wanted:
            raise NotAccepted(f"This file is {what}, not {wanted}.")
        raise NotAccepted(f"This file is {what}: Hearth accepts {ALLOWED_SUMMARY}.")
    if not extension and kind == "text":
        extension = "txt"
    if extension in accepted.types:
        return extension, accepted.types[extension]
    if wanted:
        raise NotAccepted(f"This file is {accepted.label}, not {wanted}: rename it "
                          f".{next(iter(accepted.types))} and add it again.")
    if kind == "ole" or not extension:
        # An Office 97–2003 file's name must say which it is; any other gets its own name.
        if kind == "ole":
            raise NotAccepted("This file is a Word 97–2003, Excel 97–2003 or Outlook file: "
                              "its name must end .doc, .xls or .msg.")
        extension = next(iter(accepted.types))
        return extension, accepted.types[extension]
    raise NotAccepted(f"This file is {accepted.label}, but its name ends .{extension}: rename "
                      f"it .{next(iter(accepted.types))} and add it again.")


def safe_file_name(name: str, extension: str) -> str:
    """The name a download is saved as: the uploaded name without any folder, control or
    special characters, at most 80 characters before an extension that says what it is."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKC", base)
    stem = base.rpartition(".")[0] if "." in base else base
    stem = re.sub(r"[^\w .()\-]", "_", stem, flags=re.ASCII)
    stem = re.sub(r"\s+", " ", stem).strip(" ._-")[:80].rstrip(" ._-") or "document"
    return f"{stem}.{extension}"


def too_large(size: int, max_mb: float) -> str | None:
    """A refusal when ``size`` bytes is more than ``max_mb`` megabytes, else None."""
    if size > max_mb * 1024 * 1024:
        return f"The file must be smaller than {limit_text(max_mb)}."
    return None


def limit_text(max_mb: float) -> str:
    if max_mb >= 1:
        return f"{max_mb:g} MB"
    return f"{max_mb * 1024:g} KB"


def refused_as_infected(signature: str) -> str:
    return (f"This file contains a virus or malware ({signature}) and was not added. Tell "
            "your IT service desk where it came from.")


SCANNER_DOWN = ("The file cannot be checked for viruses now, so it was not added: try again "
                "later.")
