"""Everyday short forms of English given names ("Abby" for Abigail, "Becky" for Rebecca).

A front-door worker often hears, and types, the name a child or parent goes by rather than
the one recorded. ``related`` says whether two folded names can be the same person's name
this way: one is a short form of the other, or both are short forms of one name ("Tom",
"Tommy"). Two full names are never related through a shared short form (Christopher and
Christine both give "Chris", but are not each other). Names that sound alike are matched by
the sound key instead (``normalise.phonetic``), so each entry lists one spelling of a name.
"""

from __future__ import annotations

from functools import lru_cache

#: full name(s): short forms. Folded, as ``normalise.name_key`` makes them.
_TABLE = """
abigail: abby abbie abbey abi gail
alexander: alex alec sandy xander
alexandra: alex lexi lexie
alfred: alf alfie
amanda: mandy
andrew: andy drew
anthony antony: tony ant
barbara: babs barbie
benjamin: ben benji benny
bethany: beth
catherine katherine kathryn: kate katie katy cath cathy kathy kat kay
charles: charlie chas chuck
charlotte: charlie lottie lotte
christian: chris
christine christina: chris chrissie
christopher: chris kit
daniel: dan danny
danielle: dani
david: dave davey
deborah debra: debbie debs deb
dorothy: dot dotty dolly
edward: ed eddie eddy ted teddy ned
eleanor: ellie nell nora
elizabeth: liz lizzie lizzy beth betty eliza libby bess
emily: em emmy
francesca frances: fran frankie
francis: frank frankie
frederick: fred freddie freddy
gerald geraldine: gerry
gillian: gill jill
gregory: greg
harriet: hattie
henry: harry hal
isabel isabella isobel: izzy bella
jacqueline: jackie
james: jim jimmy jamie
jennifer: jen jenny
jeremy: jez
jessica: jess jessie
joanna joanne: jo
jonathan: jon jonny
joseph: joe joey
josephine: jo josie
joshua: josh
judith: judy
kenneth: ken kenny
kerry: kez
kimberley: kim
lawrence: larry laurie
leonard: len lenny leo
margaret: maggie meg peggy
matthew: matt matty
michael: mike mikey mick micky
mohammed: mo
natalie: nat
natasha: tash tasha
nicholas: nick nicky
nicola: nicky nikki
oliver: ollie olly
olivia: liv livvy
pamela: pam
patricia: pat patty trish
patrick: pat paddy
peter: pete
philip: phil
raymond: ray
rebecca: becky becca
richard: rich richie rick ricky dick
robert: rob robbie bob bobby
ronald: ron ronnie
samantha: sam sammy
samuel: sam sammy
stephanie: steph
stephen: steve
susan: sue susie suzy
terence: terry
thomas: tom tommy
timothy: tim timmy
victoria: vicky vikki tori
william: will bill billy willie liam
zachary: zac zack
"""


def _parse() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(short form -> the full names it shortens, full name -> its short forms)."""
    fulls: dict[str, set[str]] = {}
    shorts: dict[str, set[str]] = {}
    for line in _TABLE.strip().splitlines():
        left, _, right = line.partition(":")
        for full in left.split():
            shorts.setdefault(full, set()).update(right.split())
            for short in right.split():
                fulls.setdefault(short, set()).add(full)
    return ({k: frozenset(v) for k, v in fulls.items()},
            {k: frozenset(v) for k, v in shorts.items()})


_FULLS, _SHORTS = _parse()


def _full_names(name: str) -> frozenset[str]:
    """The full names ``name`` is, or is a short form of."""
    own = frozenset((name,)) if name in _SHORTS else frozenset()
    return own | _FULLS.get(name, frozenset())


def related(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` (folded, different) can be one person's name and its short form,
    or two short forms of one name."""
    if a == b or not (a in _SHORTS or a in _FULLS) or not (b in _SHORTS or b in _FULLS):
        return False
    if a in _SHORTS and b in _SHORTS and a not in _FULLS and b not in _FULLS:
        return False  # two full names
    return bool(_full_names(a) & _full_names(b))


@lru_cache(maxsize=4096)
def forms(name: str) -> tuple[str, ...]:
    """Every name ``related`` to ``name``: the full names and their short forms."""
    found: set[str] = set()
    for full in _full_names(name):
        found |= {full} | _SHORTS[full]
    found.discard(name)
    return tuple(sorted(n for n in found if related(name, n)))
