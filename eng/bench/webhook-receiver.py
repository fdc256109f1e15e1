#!/usr/bin/env python3
"""A webhook receiver for the benchmark: answers every POST with 204 and counts the events (stdout, one line per 1,000).

Usage: webhook-receiver.py ADDRESS PORT
"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver(BaseHTTPRequestHandler):
    count = 0
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()
        Receiver.count += 1
        if Receiver.count % 1000 == 0:
            print(f"received {Receiver.count}", flush=True)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer((sys.argv[1], int(sys.argv[2])), Receiver).serve_forever()
