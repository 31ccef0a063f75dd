//! `vellum-bench-ceiling FILE [ADDR]`: serves FILE's bytes to GET and POST on
//! any path, as `application/graphql-response+json`, on ADDR (default
//! 127.0.0.1:0; the bound address is printed on stdout). script/bench runs
//! it with the bytes Vellum answered, so the ratio to it is the share of the
//! wire-speed ceiling Vellum reaches on this machine.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::any;

async fn answer(State(bytes): State<Bytes>, _body: Bytes) -> impl IntoResponse {
    // The body is read (and dropped) as a GraphQL server has to read it.
    ([(CONTENT_TYPE, "application/graphql-response+json")], bytes)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = args
        .next()
        .ok_or("usage: vellum-bench-ceiling FILE [ADDR]")?;
    let addr: SocketAddr = args.next().as_deref().unwrap_or("127.0.0.1:0").parse()?;
    let bytes = Bytes::from(std::fs::read(&file)?);
    let app = Router::new()
        .route("/", any(answer))
        .route("/{*path}", any(answer))
        .with_state(bytes);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
