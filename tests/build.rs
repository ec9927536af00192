mod common;
use common::Show;

#[test]
fn bundled_show_reproduces_seed_000_byte_for_byte() {
    let show = Show::bundled();
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected = include_str!("expected/tech-competition-and-economic-security.txt");
    let actual = show.read("dist/tech-competition-and-economic-security/notes.txt");
    assert_eq!(actual, expected);
}
