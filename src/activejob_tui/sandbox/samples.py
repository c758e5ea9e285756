"""Plausible sub-job fields for simulated jobs: the seed's demo jobs and the engine's keep-alive jobs."""

from __future__ import annotations

import random
from typing import Any

_EMAIL = ("All", "Error", "ErrorAndWarning", "JobCompletion", "None")


def _handles(rng: random.Random, cid: int, n: int) -> dict[str, list[str]]:
    return {"items": [f"a|{cid}|1|{rng.randint(1000, 99999)}" for _ in range(n)]}


def sample_subjob(elem: str | None, rng: random.Random, cid: int = 1) -> dict[str, Any]:
    """Plausible sub-job fields (2016 names; also valid for the legacy types of the six old jobs)."""
    email = rng.choice(_EMAIL)
    folder = rng.choice(("Spring2026/", "Catalog/Shoes/", "Campaigns/Holiday/", "Video/Launch/"))
    if elem == "imageServingPublishJob":
        return {"publishType": rng.choice(("Full", "Incremental", "FullWithSearch")), "emailSetting": email,
                "httpCompletionUrl": "https://hooks.example.com/ips/published"}
    if elem in ("imageRenderingPublishJob", "videoPublishJob"):
        return {"emailSetting": email, "contextHandle": f"f|{cid}|{rng.randint(10, 999)}"}
    if elem == "serverDirectoryPublishJob":
        return {"emailSetting": email}
    if elem == "metadataPublishJob":
        return {"forcePublish": rng.random() < 0.3}
    if elem == "uploadDirectoryJob":
        return {"destFolder": folder, "serverDir": f"/ftp/incoming/{folder.rstrip('/').lower()}",
                "overwrite": True, "readyForPublish": True, "includeSubfolders": True, "createMask": False,
                "processMetadataFiles": True,
                "manualCropOptions": {"left": 0, "right": 0, "top": 10, "bottom": 10},
                "colorManagementOptions": {"colorManagement": "Default"},
                "emailSetting": email, "postImageServingPublishJob": {"publishType": "Incremental",
                                                                      "emailSetting": "None"}}
    if elem == "uploadUrlsJob":
        n = rng.randint(2, 4)
        return {"urlArray": {"items": [{"sourceUrl": f"https://assets.example.com/feed/{i}.png",
                                        "destPath": f"{folder}feed_{i}.png"} for i in range(n)]},
                "numUrls": n, "overwrite": False, "readyForPublish": True, "createMask": True,
                "emailSetting": email}
    if elem == "uploadPostJob":
        return {"overwrite": True, "readyForPublish": False, "createMask": False, "emailSetting": email,
                "postHttpUrl": "https://hooks.example.com/ips/upload-done"}
    if elem == "optimizeImagesJob":
        return {"emailSetting": email}
    if elem == "ripPdfsJob":
        return {"pdfHandleArray": _handles(rng, cid, 2), "createMask": False,
                "pdfOptions": {"process": "Rasterize", "resolution": 150.0, "colorspace": "Auto",
                               "pdfCatalog": True, "extractSearchWords": True},
                "emailSetting": email}
    if elem == "reprocessAssetsJob":
        return {"assetHandleArray": _handles(rng, cid, 3), "readyForPublish": True, "createMask": False,
                "unsharpMaskOptions": {"amount": 1.2, "radius": 0.8, "threshold": 3, "monochrome": 0},
                "emailSetting": email}
    if elem == "createVideoSitemapJob":
        return {"forceUpdate": rng.random() < 0.5}
    if elem == "exportJob":
        return {"assetHandleArray": _handles(rng, cid, 4), "fmt": rng.choice(("orig", "convert")),
                "macro": "web_large", "emailSetting": email}
    if elem == "automatedSetGenerationJob":
        return {"assetHandleArray": _handles(rng, cid, 5), "destFolder": folder, "readyForPublish": True,
                "autoSetCreationOptions": {"autoSetsArray": {"items": [f"s|{cid}|{rng.randint(1, 50)}"]}},
                "emailSetting": email}
    return {}
