"""The source articles are shipped as received and each is described in triples/sources.ttl."""

import hashlib

import pytest
import rdflib

from policykg.namespaces import PK, SRC

from conftest import ROOT

#: SHA-256 of each article as received from the newspaper: the bytes must never change.
RECEIVED = {
    "000": "72a48182327de7fbc42e62cfa1ddf8b519b6ba4b22be7cc2558e569bfd2ab188",
    "001": "9ece54f4b16d40e3d74b14bb36cbf636bb7716f70812164bea84108725a64e53",
    "002": "fc9488ddb9d694de42beb43d60ec2552dfe2deb86f99de1ce58699a1f1c80fcd",
    "003": "cfa6f816d4842386e0bb8517717c31b40b3e76449bf5ccf332a813446eeef305",
    "004": "4771423326ab1eeba015d48ef947371df6744ab546764dcb4027b816d8504b44",
}
SOURCES = rdflib.Graph().parse(ROOT / "triples" / "sources.ttl")


@pytest.mark.parametrize("source_id", sorted(RECEIVED))
def test_article_bytes_are_unchanged(source_id):
    """Each article's file in sources/ has the bytes it was received with."""
    path = ROOT / str(SOURCES.value(SRC[source_id], PK.sourceFile))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == RECEIVED[source_id]


def test_every_article_file_is_described_once():
    """sources/ holds exactly the five described articles, each described as a pk:SourceArticle with a zh title."""
    described = {str(o) for o in SOURCES.objects(None, PK.sourceFile)}
    on_disk = {f"sources/{p.name}" for p in (ROOT / "sources").glob("*.txt")}
    assert described == on_disk and len(on_disk) == 5
    for source_id in RECEIVED:
        assert (SRC[source_id], rdflib.RDF.type, PK.SourceArticle) in SOURCES
        assert SOURCES.value(SRC[source_id], rdflib.DCTERMS.title).language == "zh"


def test_described_reporters_appear_in_their_article():
    """Each reporter named in sources.ttl is printed in that article's text."""
    for source_id in RECEIVED:
        text = (ROOT / str(SOURCES.value(SRC[source_id], PK.sourceFile))).read_text(encoding="utf-8")
        for reporter in SOURCES.objects(SRC[source_id], PK.reporter):
            assert str(reporter) in text
