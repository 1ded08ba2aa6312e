//! Makes sure the folder of built front-end assets exists, so the server compiles (and
//! says plainly that assets are missing) even before `cargo xtask dist` has run.

fn main() {
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/dist");
    if let Err(error) = std::fs::create_dir_all(&dist) {
        println!("cargo::warning=could not create {}: {error}", dist.display());
    }
    println!("cargo::rerun-if-changed=../target/dist");
    println!("cargo::rerun-if-changed=../target/dist/manifest.json");
}
