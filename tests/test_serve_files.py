"""The running preview serves a site's file by its content: a file replaced under the same
name (a new flyer saved over the old one) is served with its new bytes."""

from __future__ import annotations

import os

from conftest import site_tree, write_tree
from test_serve import start_serve, wait_for


def test_a_replaced_file_is_served_with_its_new_bytes(tmp_path):
    old, new = b"%PDF-1.4 Flyer Herbst\n", b"%PDF-1.4 Flyer Winter\n"
    assert len(old) == len(new)
    write_tree(tmp_path, site_tree({"files/programm-flyer.pdf": old}))
    url, process = start_serve(tmp_path)
    try:
        flyer_url = url + "test/files/programm-flyer.pdf"
        wait_for(flyer_url, lambda status, body: status == 200 and body == old.decode())
        flyer = tmp_path / "content/test/files/programm-flyer.pdf"
        times = flyer.stat()
        flyer.write_bytes(new)
        os.utime(flyer, ns=(times.st_atime_ns, times.st_mtime_ns))  # even the time stays
        wait_for(flyer_url, lambda status, body: status == 200 and body == new.decode())
    finally:
        process.terminate()
        process.wait(timeout=10)
