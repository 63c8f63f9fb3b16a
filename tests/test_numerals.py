"""The number reader: every form the articles (and Chinese newspapers) write is read right, and what it
cannot read for certain it refuses instead of returning a wrong number in silence."""

from decimal import Decimal

import pytest

from policykg.numerals import chinese_number, chinese_numeral, plain, read_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic numerals with their multipliers and units, as the articles write them
        pytest.param("595.92亿元", "59592000000", id="yi"),
        pytest.param("1.2万余人", "12000", id="wan-approximate-word-after"),
        pytest.param("1个亿", "100000000", id="ge-yi"),
        pytest.param("1,200万重量箱", "12000000", id="thousands-separator"),
        pytest.param("3千元", "3000", id="arabic-qian"),
        pytest.param("1.5万亿", "1500000000000", id="wan-yi"),
        pytest.param("1—2家", "1", id="range-lower-bound"),
        pytest.param("3.9%", "3.9", id="percent"),
        pytest.param("下降79.4%", "-79.4", id="fall"),
        pytest.param("压减10%", "-10", id="cut"),
        pytest.param("１２０家", "120", id="full-width-digits"),
        # Chinese numerals: ranks, counts, sections joined by 万 and 亿
        pytest.param("第三", "3", id="rank"),
        pytest.param("第一方阵", "1", id="tier"),
        pytest.param("十六连调", "16", id="shi-liu"),
        pytest.param("两连调", "2", id="liang"),
        pytest.param("零发生", "0", id="zero"),
        pytest.param("千亿元", "100000000000", id="qian-yi"),
        pytest.param("三万五千", "35000", id="san-wan-wu-qian"),
        pytest.param("三亿五千万", "350000000", id="yi-and-wan"),
        pytest.param("一万亿", "1000000000000", id="wan-yi-chinese"),
        pytest.param("一百零五", "105", id="ling-placeholder"),
        pytest.param("三千零二十", "3020", id="ling-then-tens"),
        pytest.param("一万五", "15000", id="spoken-wan"),
        pytest.param("三百五", "350", id="spoken-bai"),
        pytest.param("三点五", "3.5", id="dian"),
        pytest.param("一点二万", "12000", id="dian-wan"),
        # digits alone are read digit by digit: a year
        pytest.param("二〇二〇年", "2020", id="year-digit-by-digit"),
        # 百分之: the number after it is the percentage, not one hundred
        pytest.param("百分之十五", "15", id="bai-fen-zhi"),
        pytest.param("下降百分之五", "-5", id="fall-bai-fen-zhi"),
        pytest.param("百分之0.5", "0.5", id="bai-fen-zhi-arabic"),
    ],
)
def test_read_number(text, expected):
    """Each form gives its value, multiplied out, as a plain decimal."""
    assert read_number(text) == Decimal(expected)
    assert str(read_number(text)) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        pytest.param("十几家", "approximate", id="shi-ji"),
        pytest.param("几十个", "approximate", id="ji-shi"),
        pytest.param("数百人", "approximate", id="shu-bai"),
        pytest.param("百千万工程", "out of order", id="units-rising"),
        pytest.param("“十三五”规划", "two digits", id="plan-name-not-a-number"),
        pytest.param("一千百", "without its digit", id="unit-without-digit"),
        pytest.param("一亿亿", "亿 twice", id="yi-twice"),
        pytest.param("一万万", "万 twice", id="wan-twice"),
        pytest.param("万企帮万村", "no number", id="wan-alone-is-a-word"),
        pytest.param("年产", "no number", id="no-number"),
    ],
)
def test_read_number_refuses_what_it_cannot_read(text, why):
    """Approximate counts, malformed numerals and texts without a number raise ValueError, saying why."""
    with pytest.raises(ValueError, match=why):
        read_number(text)


def test_the_three_forms_of_the_issue():
    """The forms the reader once got wrong in silence: 30000 for 三万五千, 0 for 二〇二〇, 100 for 百分之十五."""
    assert (read_number("三万五千"), read_number("二〇二〇"), read_number("百分之十五")) == (35000, 2020, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("三十五", 35), ("十", 10), ("二十", 20), ("一十五", 15), ("两千", 2000), ("三万五千", 35000), ("九千九百九十九", 9999)],
)
def test_chinese_numeral(text, expected):
    """Whole Chinese numerals of any size."""
    assert chinese_numeral(text) == expected


def test_chinese_numeral_refuses_decimals_and_non_numerals():
    """A whole numeral is whole; a character that is no numeral is refused."""
    with pytest.raises(ValueError, match="whole"):
        chinese_numeral("三点五")
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        chinese_number("三个人")


def test_plain_has_no_exponent():
    """Values are plain decimals, never in scientific notation."""
    assert str(plain(Decimal("5.9592E+10"))) == "59592000000"
    assert str(plain(Decimal("3.90"))) == "3.9"
