"""Link checks: a table of real-looking addresses and the verdict each must get."""

from __future__ import annotations

import pytest

from bot.core.links import Platform, Problem, Verdict, check_any_link, check_link, find_links

OK = None
P = Problem

# (reported text, expected problem, expected platform, expected normalised url)
URLS: list[tuple[str, Problem | None, Platform | None, str | None]] = [
    # Instagram
    (
        "https://www.instagram.com/p/C7xYz12AbCd/?igsh=MWQ1ZGUxMzBkMA==",
        OK,
        "instagram",
        "https://instagram.com/p/C7xYz12AbCd/",
    ),
    (
        "https://instagram.com/reel/C8AbCdEfGhI/?utm_source=ig_web_copy_link",
        OK,
        "instagram",
        "https://instagram.com/reel/C8AbCdEfGhI/",
    ),
    (
        "https://www.instagram.com/reels/C8AbCdEfGhI/",
        OK,
        "instagram",
        "https://instagram.com/reel/C8AbCdEfGhI/",
    ),
    (
        "http://m.instagram.com/tv/B9QwErTyUiO",
        OK,
        "instagram",
        "https://instagram.com/tv/B9QwErTyUiO/",
    ),
    (
        "https://www.instagram.com/pemkabbogor/p/C7xYz12AbCd/",
        OK,
        "instagram",
        "https://instagram.com/p/C7xYz12AbCd/",
    ),
    (
        "instagram.com/p/C7xYz12AbCd#comments",
        OK,
        "instagram",
        "https://instagram.com/p/C7xYz12AbCd/",
    ),
    ("https://www.instagram.com/pemkabbogor/", P.PROFILE, "instagram", None),
    ("https://instagram.com/desa.sukamaju?igshid=abc", P.PROFILE, "instagram", None),
    ("https://www.instagram.com/explore/tags/bogor/", P.NOT_A_POST, "instagram", None),
    # Facebook
    (
        "https://www.facebook.com/permalink.php?story_fbid=pfbid02XyZ&id=100064&mibextid=Nif5oz",
        OK,
        "facebook",
        "https://facebook.com/permalink.php?id=100064&story_fbid=pfbid02XyZ",
    ),
    (
        "https://m.facebook.com/story.php?story_fbid=123456789&id=987654&fbclid=IwAR0abc",
        OK,
        "facebook",
        "https://facebook.com/story.php?id=987654&story_fbid=123456789",
    ),
    (
        "https://web.facebook.com/PemkabBogor/posts/pfbid0abcDEF?__tn__=%2CO",
        OK,
        "facebook",
        "https://facebook.com/pemkabbogor/posts/pfbid0abcDEF",
    ),
    (
        "https://www.facebook.com/reel/1234567890123456",
        OK,
        "facebook",
        "https://facebook.com/reel/1234567890123456",
    ),
    (
        "https://www.facebook.com/watch/?v=987654321012345&ref=sharing",
        OK,
        "facebook",
        "https://facebook.com/watch/?v=987654321012345",
    ),
    ("https://fb.watch/qRsT-uVwX/", OK, "facebook", "https://fb.watch/qRsT-uVwX/"),
    (
        "https://www.facebook.com/share/p/1AbCdEfGhI/",
        OK,
        "facebook",
        "https://facebook.com/share/p/1AbCdEfGhI",
    ),
    (
        "https://www.facebook.com/photo.php?fbid=10229&set=a.1022&type=3",
        OK,
        "facebook",
        "https://facebook.com/photo.php?fbid=10229",
    ),
    (
        "https://www.facebook.com/groups/wargabogor/posts/7788990011/",
        OK,
        "facebook",
        "https://facebook.com/groups/wargabogor/posts/7788990011",
    ),
    ("https://www.facebook.com/PemkabBogor", P.PROFILE, "facebook", None),
    ("https://www.facebook.com/profile.php?id=100064123456789", P.PROFILE, "facebook", None),
    # TikTok
    (
        "https://www.tiktok.com/@diskominfo.bogor/video/7301234567890123456?is_from_webapp=1&sender_device=pc",
        OK,
        "tiktok",
        "https://tiktok.com/@diskominfo.bogor/video/7301234567890123456",
    ),
    ("https://vt.tiktok.com/ZSjAbCdEf/", OK, "tiktok", "https://vt.tiktok.com/ZSjAbCdEf/"),
    ("https://vm.tiktok.com/ZMabc123/?_r=1", OK, "tiktok", "https://vm.tiktok.com/ZMabc123/"),
    (
        "https://www.tiktok.com/@Desa.Cibinong/photo/7312345678901234567",
        OK,
        "tiktok",
        "https://tiktok.com/@desa.cibinong/photo/7312345678901234567",
    ),
    ("https://www.tiktok.com/@diskominfo.bogor", P.PROFILE, "tiktok", None),
    # X / Twitter
    (
        "https://x.com/PemkabBogor/status/1798765432109876543?s=46&t=AbCdEf",
        OK,
        "x",
        "https://x.com/pemkabbogor/status/1798765432109876543",
    ),
    (
        "https://twitter.com/pemkabbogor/status/1798765432109876543/photo/1",
        OK,
        "x",
        "https://x.com/pemkabbogor/status/1798765432109876543",
    ),
    (
        "https://mobile.twitter.com/PemkabBogor/status/1798765432109876543",
        OK,
        "x",
        "https://x.com/pemkabbogor/status/1798765432109876543",
    ),
    ("https://x.com/PemkabBogor", P.PROFILE, "x", None),
    ("https://x.com/search?q=bogor", P.NOT_A_POST, "x", None),
    # YouTube
    (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s&feature=share",
        OK,
        "youtube",
        "https://youtube.com/watch?v=dQw4w9WgXcQ",
    ),
    (
        "https://youtu.be/dQw4w9WgXcQ?si=AbCdEfGhIjKl",
        OK,
        "youtube",
        "https://youtube.com/watch?v=dQw4w9WgXcQ",
    ),
    (
        "https://m.youtube.com/shorts/AbCdEfGhIjK",
        OK,
        "youtube",
        "https://youtube.com/watch?v=AbCdEfGhIjK",
    ),
    (
        "https://www.youtube.com/live/XyZ123abcDE?feature=shared",
        OK,
        "youtube",
        "https://youtube.com/watch?v=XyZ123abcDE",
    ),
    ("https://www.youtube.com/@PemkabBogorOfficial", P.PROFILE, "youtube", None),
    ("https://www.youtube.com/channel/UC1234567890abcdefghij", P.PROFILE, "youtube", None),
    ("https://www.youtube.com/results?search_query=bogor", P.NOT_A_POST, "youtube", None),
    # Threads
    (
        "https://www.threads.net/@pemkabbogor/post/C9AbCdEfGhI?xmt=AQGz",
        OK,
        "threads",
        "https://threads.net/@pemkabbogor/post/C9AbCdEfGhI",
    ),
    (
        "https://www.threads.com/@pemkabbogor/post/C9AbCdEfGhI",
        OK,
        "threads",
        "https://threads.net/@pemkabbogor/post/C9AbCdEfGhI",
    ),
    ("https://www.threads.net/@pemkabbogor", P.PROFILE, "threads", None),
    # Websites and mass media
    (
        "https://bogorkab.go.id/berita/detail/1234/vaksinasi-massal?utm_source=wa&utm_medium=social",
        OK,
        "website",
        "https://bogorkab.go.id/berita/detail/1234/vaksinasi-massal",
    ),
    (
        "https://WWW.Detik.com/jabar/berita/d-7012345/bupati-bogor-resmikan-jalan#komentar",
        OK,
        "website",
        "https://detik.com/jabar/berita/d-7012345/bupati-bogor-resmikan-jalan",
    ),
    (
        "http://desa-sukamaju.id/?p=123&fbclid=IwAR1",
        OK,
        "website",
        "http://desa-sukamaju.id/?p=123",
    ),
    ("https://bogorkab.go.id/", P.NOT_A_POST, "website", None),
    # Shorteners
    ("https://bit.ly/3AbCdEf", P.SHORTENER, None, None),
    ("https://s.id/BogorMaju", P.SHORTENER, None, None),
    ("https://t.co/AbC123xYz", P.SHORTENER, None, None),
    # Not http(s)
    ("ftp://bogorkab.go.id/berita/1.pdf", P.SCHEME, None, None),
    ("javascript:alert(1)", P.SCHEME, None, None),
    ("tg://resolve?domain=pemkabbogor", P.SCHEME, None, None),
    ("mailto:humas@bogorkab.go.id", P.SCHEME, None, None),
    ("file:///sdcard/DCIM/posting.jpg", P.SCHEME, None, None),
    # Garbage
    ("sudah posting kak", P.NOT_A_LINK, None, None),
    ("", P.NOT_A_LINK, None, None),
    ("https://", P.NOT_A_LINK, None, None),
    ("https://192.168.1.10/berita/1", P.NOT_A_LINK, None, None),
    ("https://bogorkab/berita", P.NOT_A_LINK, None, None),
    ("https://bogorkab.go.id:99999/x", P.NOT_A_LINK, None, None),
    ("https://bogorkab.go.id/" + "a" * 1200, P.TOO_LONG, None, None),
]


def test_the_table_is_big_enough() -> None:
    assert len(URLS) >= 40
    platforms = {platform for _, problem, platform, _ in URLS if problem is None}
    assert platforms == {"instagram", "facebook", "tiktok", "x", "youtube", "threads", "website"}


@pytest.mark.parametrize(("raw", "problem", "platform", "url"), URLS, ids=[u[0][:60] for u in URLS])
def test_verdict(
    raw: str, problem: Problem | None, platform: Platform | None, url: str | None
) -> None:
    verdict = check_link(raw)
    assert verdict == Verdict(url, platform, problem)


@pytest.mark.parametrize(
    "variants",
    [
        [
            "https://www.instagram.com/p/C7xYz12AbCd/?igsh=MWQ1",
            "https://instagram.com/p/C7xYz12AbCd",
            "http://m.instagram.com/p/C7xYz12AbCd/?utm_source=ig_web_copy_link#x",
            "https://www.instagram.com/pemkabbogor/p/C7xYz12AbCd/",
        ],
        [
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            "https://youtube.com/shorts/dQw4w9WgXcQ",
        ],
        [
            "https://twitter.com/PemkabBogor/status/1798765432109876543",
            "https://x.com/pemkabbogor/status/1798765432109876543?s=20",
        ],
    ],
)
def test_the_same_post_normalises_to_one_address(variants: list[str]) -> None:
    assert len({check_link(raw).url for raw in variants}) == 1


def test_links_are_found_in_a_chatty_message() -> None:
    text = (
        "Sudah posting kak: https://www.instagram.com/p/C7xYz12AbCd/?igsh=x, dan juga "
        "youtu.be/dQw4w9WgXcQ."
    )
    assert find_links(text) == [
        "https://www.instagram.com/p/C7xYz12AbCd/?igsh=x",
        "youtu.be/dQw4w9WgXcQ",
    ]
    assert find_links("belum ada") == []


def test_issue_reports_accept_profiles_and_home_pages() -> None:
    profile = check_any_link("https://www.instagram.com/akun.hoaks/?igshid=abc")
    assert profile.ok and profile.url == "https://www.instagram.com/akun.hoaks/"
    assert check_any_link("https://bit.ly/3AbCdEf").ok
    assert check_any_link("ftp://x.org/a").problem is Problem.SCHEME
