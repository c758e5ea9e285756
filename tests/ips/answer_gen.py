"""Writes the recorded answers in ``tests/data/answers/`` and the 2016 job-subset WSDL fixture.

Run ``python tests/ips/answer_gen.py`` to regenerate. The element order and occurrence come from a
*schema* (never from the decoder's model): the legacy answers follow the real public
``shared/ips/IpsApi.wsdl``; the 2016-01-14-beta answers follow ``TYPES_2016`` below, transcribed
from IPS_JOBS_API.md §5 and written out as ``tests/data/ips_2016_jobs.wsdl``. Every required
element is present, in sequence order, so zeep in strict mode accepts each answer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
ANSWERS = DATA / "answers"
REPO = HERE.parents[1]
LEGACY_WSDL = REPO.parent / "shared" / "ips" / "IpsApi.wsdl"
WSDL_2016 = DATA / "ips_2016_jobs.wsdl"

NS_LEGACY = "http://www.scene7.com/IpsApi/xsd"
NS_2016 = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"
XSD = "http://www.w3.org/2001/XMLSchema"

S, I, D, B, T, L = "string", "int", "double", "boolean", "dateTime", "long"  # noqa: E741 - XSD type shorthands: S I D B T L
Field = tuple[str, str, int, int]  # name, type, minOccurs, maxOccurs (-1 = unbounded)


def req(name: str, typ: str) -> Field:
    return (name, typ, 1, 1)


def opt(name: str, typ: str) -> Field:
    return (name, typ, 0, 1)


def many(name: str, typ: str) -> Field:
    return (name, typ, 0, -1)


def _options_group(with_photoshop: bool = True) -> list[Field]:
    group = [
        opt("knockoutBackgroundOptions", "KnockoutBackgroundOptions"),
        opt("manualCropOptions", "ManualCropOptions"),
        opt("autoColorCropOptions", "AutoColorCropOptions"),
        opt("autoTransparentCropOptions", "AutoTransparentCropOptions"),
        opt("photoshopOptions", "PhotoshopOptions"),
        opt("postScriptOptions", "PostScriptOptions"),
        opt("pdfOptions", "PDFOptions"),
        opt("illustratorOptions", "IllustratorOptions"),
        opt("colorManagementOptions", "ColorManagementOptions"),
        opt("autoSetCreationOptions", "AutoSetCreationOptions"),
    ]
    return group if with_photoshop else [f for f in group if f[0] != "photoshopOptions"]


_FOLLOW_ON = [
    opt("postImageServingPublishJob", "ImageServingPublishJob"),
    opt("postImageRenderingPublishJob", "ImageRenderingPublishJob"),
    opt("postVideoPublishJob", "VideoPublishJob"),
]
_TRAILING = [
    opt("mediaOptions", "MediaOptions"),
    opt("inDesignOptions", "InDesignOptions"),
    opt("xmpKeywords", S),
    opt("unsharpMaskOptions", "UnsharpMaskOptions"),
    opt("unCompressOptions", "UnCompressOptions"),
    opt("excludeMasterVideoFromAVS", B),
]

ACTIVE_SUB_JOBS_2016 = [
    ("imageServingPublishJob", "ImageServingPublishJob"),
    ("imageRenderingPublishJob", "ImageRenderingPublishJob"),
    ("videoPublishJob", "VideoPublishJob"),
    ("serverDirectoryPublishJob", "ServerDirectoryPublishJob"),
    ("metadataPublishJob", "MetadataPublishJob"),
    ("uploadDirectoryJob", "UploadDirectoryJob"),
    ("uploadUrlsJob", "UploadUrlsJob"),
    ("uploadPostJob", "UploadPostJob"),
    ("optimizeImagesJob", "OptimizeImagesJob"),
    ("ripPdfsJob", "RipPdfsJob"),
    ("reprocessAssetsJob", "ReprocessAssetsJob"),
    ("createVideoSitemapJob", "CreateVideoSitemapJob"),
    ("exportJob", "ExportJob"),
    ("automatedSetGenerationJob", "AutomatedSetGenerationJob"),
]
SCHEDULED_SUB_JOBS_2016 = [pair for pair in ACTIVE_SUB_JOBS_2016 if pair[0] != "uploadPostJob"]

TYPES_2016: dict[str, list[Field]] = {
    "HandleArray": [many("items", S)],
    "StringArray": [many("items", S)],
    "TaskItemProgress": [req("itemName", S), req("progress", D), req("progressMessage", S), req("lastProgressUpdate", T)],
    "TaskItemProgressArray": [many("items", "TaskItemProgress")],
    "TaskProgress": [
        req("taskType", S), req("taskState", S), req("numProcessed", I), req("numProcessing", I),
        req("numPending", I), req("progress", D), req("progressMessage", S), req("lastProgressUpdate", T),
        req("taskItemProgressArray", "TaskItemProgressArray"),
    ],
    "TaskProgressArray": [many("items", "TaskProgress")],
    "ActiveJob": [
        req("companyHandle", S), req("jobHandle", S), req("name", S), req("originalName", S), req("type", S),
        req("state", S), req("submitUserEmail", S), opt("locale", S), opt("description", S),
        req("serverName", S), req("startDate", T), req("triggerTime", T), req("totalSize", I),
        req("progress", I), req("progressMessage", S), req("lastProgressUpdate", T),
        req("taskProgressArray", "TaskProgressArray"),
        *[opt(name, typ) for name, typ in ACTIVE_SUB_JOBS_2016],
    ],
    "ActiveJobArray": [many("items", "ActiveJob")],
    "ScheduledJob": [
        req("companyHandle", S), req("jobHandle", S), req("name", S), req("originalName", S), req("type", S),
        req("submitUserEmail", S), opt("locale", S), opt("description", S), opt("execSchedule", S),
        opt("nextFireTime", T), opt("timeZone", S), opt("triggerState", S),
        *[opt(name, typ) for name, typ in SCHEDULED_SUB_JOBS_2016],
    ],
    "ScheduledJobArray": [many("items", "ScheduledJob")],
    "JobLogDetailAux": [req("logMessage", S), req("logType", S), opt("dateCreated", T)],
    "JobLogDetailAuxArray": [many("items", "JobLogDetailAux")],
    "JobLogDetail": [
        req("logMessage", S), req("logType", S), req("dateCreated", T), opt("assetName", S), opt("assetType", S),
        opt("assetHandle", S), opt("auxArray", "JobLogDetailAuxArray"),
    ],
    "JobLogDetailArray": [many("items", "JobLogDetail")],
    "JobLog": [
        req("companyHandle", S), req("jobHandle", S), req("jobName", S), req("originalJobName", S),
        req("submitUserEmail", S), req("logType", S), req("jobSubType", S), opt("startDate", T), opt("endDate", T),
        req("description", S), req("fileSuccessCount", I), req("fileErrorCount", I), req("fileWarningCount", I),
        req("fileDuplicateCount", I), req("fileUpdateCount", I), req("totalFileCount", I),
        req("transferSuccessCount", I), req("transferErrorCount", I), req("transferWarningCount", I),
        req("fatalError", B), opt("detailTotalRows", I), opt("detailArray", "JobLogDetailArray"),
    ],
    "JobLogArray": [many("items", "JobLog")],
    # sub-jobs
    "ImageServingPublishJob": [req("publishType", S), req("emailSetting", S), opt("httpCompletionUrl", S), opt("contextHandle", S)],
    "ImageRenderingPublishJob": [req("emailSetting", S), opt("httpCompletionUrl", S), opt("contextHandle", S)],
    "VideoPublishJob": [req("emailSetting", S), opt("httpCompletionUrl", S), opt("contextHandle", S)],
    "ServerDirectoryPublishJob": [req("emailSetting", S), opt("httpCompletionUrl", S)],
    "MetadataPublishJob": [opt("forcePublish", B)],
    "OptimizeImagesJob": [req("emailSetting", S)],
    "CreateVideoSitemapJob": [opt("forceUpdate", B)],
    "ExportJob": [
        req("assetHandleArray", "HandleArray"), req("fmt", S), opt("is_modifier", S), opt("macro", S),
        req("emailSetting", S), opt("clientId", S),
    ],
    "AutomatedSetGenerationJob": [
        req("assetHandleArray", "HandleArray"), opt("destFolder", S), req("readyForPublish", B),
        req("autoSetCreationOptions", "AutoSetCreationOptions"), req("emailSetting", S),
    ],
    "UploadDirectoryJob": [
        opt("destFolder", S), req("serverDir", S), req("overwrite", B), req("readyForPublish", B),
        opt("preservePublishState", B), req("includeSubfolders", B), req("createMask", B),
        req("processMetadataFiles", B), opt("preserveCrop", B), *_options_group(),
        opt("projectHandleArray", "HandleArray"), req("emailSetting", S), opt("postJobOnlyIfFiles", B),
        opt("postHttpUrl", S), *_FOLLOW_ON, *_TRAILING,
    ],
    "UploadUrl": [req("sourceUrl", S), req("destPath", S)],
    "UploadUrlArray": [many("items", "UploadUrl")],
    "UploadUrlsJob": [
        opt("urlArray", "UploadUrlArray"), opt("numUrls", I), req("overwrite", B), req("readyForPublish", B),
        opt("preservePublishState", B), req("createMask", B), opt("preserveCrop", B), *_options_group(),
        opt("projectHandleArray", "HandleArray"), req("emailSetting", S), opt("postJobOnlyIfFiles", B),
        opt("postHttpUrl", S), *_FOLLOW_ON, *_TRAILING,
    ],
    "UploadPostJob": [
        req("overwrite", B), req("readyForPublish", B), opt("preservePublishState", B), req("createMask", B),
        opt("preserveCrop", B), *_options_group(), opt("projectHandleArray", "HandleArray"),
        req("emailSetting", S), opt("postHttpUrl", S), *_TRAILING,
    ],
    "RipPdfsJob": [
        req("pdfHandleArray", "HandleArray"), req("createMask", B),
        *[opt(n, t) for n, t, _, _ in _options_group(with_photoshop=False) if n != "autoSetCreationOptions"],
        opt("projectHandleArray", "HandleArray"), req("emailSetting", S), opt("postHttpUrl", S), *_FOLLOW_ON,
        opt("inDesignOptions", "InDesignOptions"),
    ],
    "ReprocessAssetsJob": [
        req("assetHandleArray", "HandleArray"), opt("readyForPublish", B), opt("preservePublishState", B),
        req("createMask", B), opt("preserveCrop", B),
        opt("knockoutBackgroundOptions", "KnockoutBackgroundOptions"), opt("manualCropOptions", "ManualCropOptions"),
        opt("autoColorCropOptions", "AutoColorCropOptions"),
        opt("autoTransparentCropOptions", "AutoTransparentCropOptions"), opt("photoshopOptions", "PhotoshopOptions"),
        opt("postScriptOptions", "PostScriptOptions"), opt("pdfOptions", "PDFOptions"),
        opt("mediaOptions", "MediaOptions"), opt("illustratorOptions", "IllustratorOptions"),
        opt("colorManagementOptions", "ColorManagementOptions"),
        opt("autoSetCreationOptions", "AutoSetCreationOptions"), opt("projectHandleArray", "HandleArray"),
        req("emailSetting", S), opt("postJobOnlyIfFiles", B), opt("postHttpUrl", S), *_FOLLOW_ON,
        opt("inDesignOptions", "InDesignOptions"), opt("unsharpMaskOptions", "UnsharpMaskOptions"),
        opt("excludeMasterVideoFromAVS", B),
    ],
    # option groups
    "KnockoutBackgroundOptions": [req("corner", S), opt("tolerance", D), req("fillMethod", S)],
    "ManualCropOptions": [req("left", I), req("right", I), req("top", I), req("bottom", I)],
    "AutoColorCropOptions": [req("corner", S), req("tolerance", D)],
    "AutoTransparentCropOptions": [req("tolerance", D)],
    "LayerOptions": [opt("layerNaming", S), opt("anchor", S), opt("createTemplate", B), opt("extractText", B), opt("extendLayers", B)],
    "PhotoshopOptions": [opt("process", S), opt("layerOptions", "LayerOptions")],
    "PostScriptOptions": [opt("process", S), opt("resolution", D), opt("colorspace", S), opt("alpha", B), opt("extractSearchWords", B)],
    "PDFOptions": [opt("process", S), opt("resolution", D), opt("colorspace", S), opt("pdfCatalog", B), opt("extractSearchWords", B), opt("extractLinks", B)],
    "IllustratorOptions": [opt("process", S), opt("resolution", D), opt("colorspace", S), opt("alpha", B)],
    "ColorManagementOptions": [req("colorManagement", S), opt("sourceProfileHandle", S), opt("outputProfileHandle", S)],
    "AutoSetCreationOptions": [opt("autoSetsArray", "HandleArray")],
    "ThumbnailOptions": [opt("thumbnailTime", L)],
    "MediaOptions": [opt("videoEncodingPresetsArray", "HandleArray"), opt("generateThumbnail", B), opt("thumbnailOptions", "ThumbnailOptions")],
    "InDesignOptions": [opt("process", S)],
    "UnsharpMaskOptions": [opt("amount", D), opt("radius", D), opt("threshold", I), opt("monochrome", I)],
    "UnCompressOptions": [req("process", S)],
}

RETURNS = {
    "getActiveJobsReturn": ("jobArray", "ActiveJobArray"),
    "getScheduledJobsReturn": ("jobArray", "ScheduledJobArray"),
    "getJobLogsReturn": ("jobLogArray", "JobLogArray"),
    "getJobLogDetailsReturn": ("jobLogArray", "JobLogArray"),
}


def wsdl_2016_text() -> str:
    """A WSDL holding only the 2016 job types and the four answer elements (a test fixture)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- Generated by tests/ips/answer_gen.py from IPS_JOBS_API.md §5 (2016-01-14-beta, job subset). -->",
        '<definitions name="IpsApi" targetNamespace="http://www.scene7.com/IpsApi"',
        '    xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="http://www.scene7.com/IpsApi">',
        "  <types>",
        f'    <schema xmlns="{XSD}" xmlns:xsd="{XSD}" xmlns:types="{NS_2016}"',
        f'        targetNamespace="{NS_2016}" elementFormDefault="qualified">',
    ]

    def type_ref(typ: str) -> str:
        return f"xsd:{typ}" if typ in (S, I, D, B, T, L) else f"types:{typ}"

    def element(name: str, typ: str, lo: int, hi: int) -> str:
        occurs = "" if lo == 1 else f' minOccurs="{lo}"'
        if hi != 1:
            occurs += ' maxOccurs="unbounded"'
        return f'          <element name="{name}" type="{type_ref(typ)}"{occurs}/>'

    for name, fields in TYPES_2016.items():
        out.append(f'      <complexType name="{name}">')
        out.append("        <sequence>")
        out.extend(element(*f) for f in fields)
        out.append("        </sequence>")
        out.append("      </complexType>")
    for name, (child, typ) in RETURNS.items():
        out.append(f'      <element name="{name}"><complexType><sequence>')
        out.append(element(child, typ, 1, 1))
        out.append("      </sequence></complexType></element>")
    out += ["    </schema>", "  </types>", "</definitions>", ""]
    return "\n".join(out)


def types_from_wsdl(path: Path) -> dict[str, list[Field]]:
    """Complex types (name → sequence) and answer elements read from a real WSDL's schema."""
    tree = etree.parse(str(path))
    q = f"{{{XSD}}}"
    types: dict[str, list[Field]] = {}

    def seq(node: etree._Element) -> list[Field]:
        fields = []
        for el in node.iterfind(f"{q}sequence/{q}element"):
            typ = (el.get("type") or "anonymous").split(":")[-1]
            hi = el.get("maxOccurs", "1")
            fields.append((el.get("name"), typ, int(el.get("minOccurs", "1")), -1 if hi == "unbounded" else int(hi)))
        return fields

    for schema in tree.iter(f"{q}schema"):
        for ct in schema.iterfind(f"{q}complexType"):
            types[ct.get("name")] = seq(ct)
        for el in schema.iterfind(f"{q}element"):
            ct = el.find(f"{q}complexType")
            if ct is not None and el.get("name") in RETURNS:
                types["@" + el.get("name")] = seq(ct)
    return types


# --- values ------------------------------------------------------------------------------------

SIMPLE_DEFAULTS: dict[str, str] = {
    "emailSetting": "Error",
    "publishType": "Full",
    "httpCompletionUrl": "https://hooks.example.com/ips/done?job=1&amp;src=ips",
    "contextHandle": "c|6|ctx",
    "fmt": "orig",
    "is_modifier": "wid=400",
    "macro": "$thumb$",
    "clientId": "export-client-7",
    "destFolder": "Demo Company/incoming/",
    "serverDir": "/ftp/demo/incoming",
    "postHttpUrl": "https://hooks.example.com/ips/upload",
    "xmpKeywords": "spring, catalogue, Frühling",
    "corner": "UpperLeft",
    "fillMethod": "MagicWand",
    "colorspace": "Auto",
    "process": "Rasterize",
    "colorManagement": "Convert",
    "sourceProfileHandle": "a|732|1|535",
    "outputProfileHandle": "a|732|1|536",
    "layerNaming": "LayerName",
    "anchor": "Center",
    "sourceUrl": "https://images.example.com/src/chair-ü.jpg",
    "destPath": "Demo Company/urls/chair.jpg",
    "itemName": "video-1080p.mp4",
    "taskType": "VideoTranscode",
    "taskState": "Processing",
    "progressMessage": "Transcoding 3 of 7 — 42 %",
    "logMessage": "Upload has begun!",
    "logType": "UploadSuccess",
    "assetName": "chair.jpg",
    "assetType": "MasterImage",
    "assetHandle": "a|732|1|535",
}
TYPE_DEFAULTS = {I: "12", D: "0.5", B: "true", T: "2026-11-25T21:04:05.123-08:00", L: "1500", S: "text"}
NUMERIC = {
    "left": "10", "right": "20", "top": "5", "bottom": "15", "tolerance": "0.25", "resolution": "150.0",
    "amount": "1.75", "radius": "0.8", "threshold": "3", "monochrome": "0", "numUrls": "2",
    "numProcessed": "3", "numProcessing": "1", "numPending": "3",
}


class Emitter:
    """Writes one element of a schema type with values from defaults and per-element overrides."""

    def __init__(self, types: dict[str, list[Field]], prefix: str = "ns1") -> None:
        self.types = types
        self.p = f"{prefix}:" if prefix else ""

    def value(self, name: str, typ: str) -> str:
        if name in NUMERIC and typ in (I, D, L):
            return NUMERIC[name]
        if name in SIMPLE_DEFAULTS and typ == S:
            return SIMPLE_DEFAULTS[name]
        if typ == B and name in ("overwrite", "createMask", "forceUpdate", "excludeMasterVideoFromAVS"):
            return "false"
        return TYPE_DEFAULTS[typ] if typ != S else f"{name}-value"

    def emit(self, name: str, typ: str, values: dict | None, full: bool, indent: str = "") -> str:
        """``values``: element name → text, dict (nested), list (repeated), or None (omit)."""
        p = self.p
        if typ not in self.types:  # simple
            text = values if isinstance(values, str) else self.value(name, typ)
            return f"{indent}<{p}{name}>{text}</{p}{name}>"
        if isinstance(values, list):  # an array given as its items
            values = {"items": values}
        values = values if isinstance(values, dict) else {}
        parts = []
        for child, ctyp, lo, hi in self.types[typ]:
            given = child in values
            v = values.get(child)
            if given and v is None:
                continue
            if hi == -1:
                items = v if isinstance(v, list) else ([] if not full else [None])
                for item in items:
                    parts.append(self.emit(child, ctyp, item, full, indent + "  "))
                continue
            if not given and lo == 0 and not full:
                continue
            parts.append(self.emit(child, ctyp, v, full, indent + "  "))
        if not parts:
            return f"{indent}<{p}{name}/>"
        return f"{indent}<{p}{name}>\n" + "\n".join(parts) + f"\n{indent}</{p}{name}>"


def envelope(ns: str, return_name: str, body: str, soap12: bool = False) -> str:
    env = "http://www.w3.org/2003/05/soap-envelope" if soap12 else "http://schemas.xmlsoap.org/soap/envelope/"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<soapenv:Envelope xmlns:soapenv="{env}">\n'
        "<soapenv:Header/>\n<soapenv:Body>\n"
        f'<ns1:{return_name} xmlns:ns1="{ns}">\n{body}\n</ns1:{return_name}>\n'
        "</soapenv:Body>\n</soapenv:Envelope>\n"
    )


# --- the recorded answers --------------------------------------------------------------------------

JOB_TYPE_OF = {
    "imageServingPublishJob": "ImageServingPublish",
    "imageRenderingPublishJob": "ImageRenderingPublish",
    "videoPublishJob": "VideoPublish",
    "serverDirectoryPublishJob": "ServerDirectoryPublish",
    "metadataPublishJob": "MetadataPublish",
    "uploadDirectoryJob": "UploadFromServerDirectory",
    "uploadUrlsJob": "UrlUpload",
    "uploadPostJob": "UploadPost",
    "optimizeImagesJob": "ImageOptimization",
    "ripPdfsJob": "RipPdfs",
    "reprocessAssetsJob": "ReprocessAssets",
    "createVideoSitemapJob": "CreateVideoSitemap",
    "exportJob": "Export",
    "automatedSetGenerationJob": "AutomatedSetGeneration",
}
LEGACY_SUB_JOBS = ["imageServingPublishJob", "imageRenderingPublishJob", "videoPublishJob",
                   "serverDirectoryPublishJob", "uploadDirectoryJob", "uploadUrlsJob"]
STATES = ["Running", "New", "WaitingCoordinator", "WaitingClient", "Stopping", "Running", "Done", "Unknown"]
EMAILS = ["Error", "All", "ErrorAndWarning", "JobCompletion", "None"]


def _sub_job_values(element: str, index: int, full: bool) -> dict:
    values: dict = {"emailSetting": EMAILS[index % len(EMAILS)]}
    # zeep turns an empty sub-job element into None (ours keeps the sub-job), so never send one empty
    values["forcePublish"] = "true" if full else "false"
    values["forceUpdate"] = "false" if full else "true"
    if element == "imageServingPublishJob":
        values["publishType"] = ["Full", "Incremental", "FullWithSearch"][index % 3]
    for handles in ("assetHandleArray", "pdfHandleArray", "projectHandleArray"):
        values[handles] = [f"a|732|1|{500 + index}", f"a|732|1|{501 + index}"]
    values["autoSetCreationOptions"] = {"autoSetsArray": ["a|732|9|1", "a|732|9|2"]}
    values["urlArray"] = {"items": [
        {"sourceUrl": f"https://images.example.com/src/chair-{index}.jpg", "destPath": f"Demo Company/urls/chair-{index}.jpg"},
        {"sourceUrl": "https://images.example.com/src/tisch-ä.jpg", "destPath": "Demo Company/urls/tisch.jpg"},
    ]}
    values["mediaOptions"] = {"videoEncodingPresetsArray": ["a|1|preset|mp4-1080"], "generateThumbnail": "true",
                              "thumbnailOptions": {"thumbnailTime": "1500"}}
    values["postImageServingPublishJob"] = {"publishType": "Incremental", "emailSetting": "None"}
    if not full:
        values["postImageServingPublishJob"] = None
    return values


def _task_progress(index: int) -> dict:
    if index % 3 == 2:
        return {"items": []}
    tasks = []
    for t in range(1 + index % 2):
        tasks.append({
            "taskType": ["VideoTranscode", "ImageUpload"][t],
            "taskState": ["Processing", "Done", "New", "Failed", "Stopping", "Unknown"][(index + t) % 6],
            "progress": ["0.25", "1.0", "0.0", "0.625"][(index + t) % 4],
            "progressMessage": f"Task {t}: encodage en cours ({index})",
            "lastProgressUpdate": f"2026-11-25T21:0{t}:1{index % 10}.5{t}0Z",
            "taskItemProgressArray": {"items": [
                {"itemName": f"clip-{index}-{k}.mp4", "progress": f"{k * 25}.0",
                 "progressMessage": "✓ fertig" if k else "wartet",
                 "lastProgressUpdate": f"2026-11-25T21:0{k}:00.000+01:00"}
                for k in range(index % 3)
            ]},
        })
    return {"items": tasks}


def active_job_values(element: str | None, index: int, legacy: bool, full: bool) -> dict:
    job_type = JOB_TYPE_OF.get(element or "", "Cleanup")
    v: dict = {
        "companyHandle": "c|6",
        "jobHandle": f"j|6||{job_type}-{index:03d}|{90000 + index}",
        "name": f"{job_type} #{index} — Frühjahrskatalog",
        "originalName": f"{job_type} #{index}",
        "type": job_type,
        "state": STATES[index % len(STATES)],
        "submitUserEmail": "demo@example.com",
        "serverName": f"ips-worker-{index % 4}.example.com",
        "startDate": f"2026-11-25T{8 + index % 10:02d}:15:30.250-08:00",
        "totalSize": str(1024 * (index + 1)),
        "progress": str((index * 17) % 101),
        "progressMessage": f"Processed {index} of 120 files — 日本語テスト",
        "lastProgressUpdate": f"2026-11-25T{8 + index % 10:02d}:20:00.000Z",
    }
    if index % 5 == 3:
        v["originalName"] = ""  # empty element: None on both sides
    if not legacy:
        v.update({
            "locale": "de-DE" if index % 2 else None,
            "description": f"Nightly {job_type} <b>&amp; more</b>".replace("<", "&lt;") if full else None,
            "triggerTime": f"2026-11-25T{7 + index % 10:02d}:59:59.999+05:30",
            "taskProgressArray": _task_progress(index),
        })
    for name, _ in ACTIVE_SUB_JOBS_2016:
        v[name] = None
    if element is not None:
        v[element] = _sub_job_values(element, index, full)
    return v


def build_active(types: dict, ns: str, legacy: bool) -> str:
    em = Emitter(types)
    items = []
    index = 0
    elements = LEGACY_SUB_JOBS if legacy else [name for name, _ in ACTIVE_SUB_JOBS_2016]
    for full in (True, False):
        for element in elements:
            items.append(em.emit("items", "ActiveJob", active_job_values(element, index, legacy, full), full))
            index += 1
    if legacy:  # jobs of newer types carry only their type in the legacy namespace
        for element in ("exportJob", "reprocessAssetsJob", "uploadPostJob"):
            values = active_job_values(element, index, legacy, False)
            values.pop(element)
            items.append(em.emit("items", "ActiveJob", values, False))
            index += 1
    items.append(em.emit("items", "ActiveJob", active_job_values(None, index, legacy, False), False))  # Cleanup, no sub-job
    body = "<ns1:jobArray>\n" + "\n".join(items) + "\n</ns1:jobArray>"
    return envelope(ns, "getActiveJobsReturn", body)


def build_scheduled(types: dict, ns: str, legacy: bool) -> str:
    em = Emitter(types)
    items = []
    elements = LEGACY_SUB_JOBS if legacy else [name for name, _ in SCHEDULED_SUB_JOBS_2016]
    triggers = ["Normal", "Paused", "Blocked", "Complete", "Error", "None", "Frozen"]
    for index, element in enumerate(elements):
        job_type = JOB_TYPE_OF[element]
        full = index % 2 == 0
        v: dict = {
            "companyHandle": "c|6",
            "jobHandle": f"j|6||{job_type}-sched-{index}|{70000 + index}",
            "name": f"Scheduled {job_type} {index}",
            "originalName": f"Scheduled {job_type}",
            "type": job_type,
            "submitUserEmail": "scheduler@example.com",
            "execSchedule": "00 00 00 * * " if full else None,
            "nextFireTime": "2026-11-26T00:00:00.000-08:00" if index != 3 else None,
            "timeZone": "PST",
            "triggerState": triggers[index % len(triggers)],
        }
        if not legacy:
            v["locale"] = "en-US"
            v["description"] = "Täglich um Mitternacht" if full else None
        for name, _ in ACTIVE_SUB_JOBS_2016:
            v[name] = None
        v[element] = _sub_job_values(element, index, full)
        items.append(em.emit("items", "ScheduledJob", v, full))
    cleanup = {
        "companyHandle": "0", "jobHandle": "0|Cleanup|", "name": "Cleanup", "originalName": "", "type": "Cleanup",
        "submitUserEmail": "system@example.com", "execSchedule": "00 00 00 * * ",
        "nextFireTime": "2007-10-13T00:00:00.000-07:00", "timeZone": "PST", "triggerState": "Paused",
        "locale": None, "description": None, **{name: None for name, _ in ACTIVE_SUB_JOBS_2016},
    }
    items.append(em.emit("items", "ScheduledJob", cleanup, False))
    body = "<ns1:jobArray>\n" + "\n".join(items) + "\n</ns1:jobArray>"
    return envelope(ns, "getScheduledJobsReturn", body)


def job_log_values(index: int, legacy: bool, details: int | None) -> dict:
    log_types = ["EndUpload", "EndImageServingPublish", "FatalError", "FileCancel", "EndVideoPublish", "EndMystery"]
    v: dict = {
        "companyHandle": "c|6",
        "jobHandle": f"j|6||Job-{index}|{80000 + index}",
        "jobName": f"Job {index} – Übersicht",
        "originalJobName": f"Job {index}",
        "submitUserEmail": "demo@example.com",
        "logType": log_types[index % len(log_types)],
        "jobSubType": "full" if index % 2 else "",
        "startDate": "2026-11-24T23:00:00.000-08:00",
        "endDate": "2026-11-24T23:45:10.500-08:00" if index % 3 else None,
        "description": "",
        "fileSuccessCount": str(100 + index), "fileErrorCount": str(index % 3), "fileWarningCount": "205",
        "fileDuplicateCount": "1", "fileUpdateCount": "4", "totalFileCount": str(110 + index),
        "transferSuccessCount": "7", "transferErrorCount": "0", "transferWarningCount": "2",
        "fatalError": "true" if index % 6 == 2 else "false",
        "detailTotalRows": None,
        "detailArray": None,
    }
    if legacy:
        for name in ("originalJobName", "jobSubType", "description", "transferSuccessCount",
                     "transferErrorCount", "transferWarningCount"):
            v.pop(name)
    if details is not None:
        rows = []
        kinds = [("BeginUpload", "Upload has begun!"), ("OriginalJobName", "Job 1"), ("JobClient", "activejob-tui"),
                 ("UploadSuccess", "chair.jpg hochgeladen"), ("UploadWarning", "Profil fehlt — übersprungen"),
                 ("UploadError", "Datei beschädigt"), ("EndUpload", "Upload done")]
        for k in range(details):
            log_type, message = kinds[k % len(kinds)]
            row: dict = {"logMessage": message, "logType": log_type,
                         "dateCreated": f"2026-11-24T23:{k % 60:02d}:00.000-08:00",
                         "assetName": f"asset-{k}.jpg" if k % 2 else None,
                         "assetType": "MasterImage" if k % 2 else None,
                         "assetHandle": f"a|732|1|{k}" if k % 2 else None,
                         "auxArray": None}
            if k % 4 == 1:
                row["auxArray"] = {"items": [
                    {"logMessage": "ICC profile missing", "logType": "IPSJobLog.gcUploadWarning",
                     "dateCreated": "2026-11-24T23:01:00.000-08:00"},
                    {"logMessage": "Fehler beim Lesen", "logType": "IPSJobLog.gcUploadError", "dateCreated": None},
                ]}
            if legacy:
                for name in ("dateCreated", "assetHandle", "auxArray"):
                    row.pop(name)
            rows.append(row)
        v["detailArray"] = {"items": rows}
        if not legacy:
            v["detailTotalRows"] = str(details + 40)
    return v


def build_logs(types: dict, ns: str, legacy: bool, details: bool) -> str:
    em = Emitter(types)
    if details:
        items = [em.emit("items", "JobLog", job_log_values(1, legacy, 9), False)]
        return_name = "getJobLogDetailsReturn"
    else:
        items = [em.emit("items", "JobLog", job_log_values(i, legacy, None), False) for i in range(8)]
        return_name = "getJobLogsReturn"
    body = "<ns1:jobLogArray>\n" + "\n".join(items) + "\n</ns1:jobLogArray>"
    return envelope(ns, return_name, body)


def write_all() -> list[Path]:
    ANSWERS.mkdir(parents=True, exist_ok=True)
    WSDL_2016.write_text(wsdl_2016_text(), encoding="utf-8")
    written = [WSDL_2016]
    schemas = {"2016": (TYPES_2016, NS_2016, False)}
    if LEGACY_WSDL.exists():
        schemas["legacy"] = (types_from_wsdl(LEGACY_WSDL), NS_LEGACY, True)
    else:  # pragma: no cover
        print(f"warning: {LEGACY_WSDL} missing; legacy answers not regenerated", file=sys.stderr)
    for tag, (types, ns, legacy) in schemas.items():
        outputs = {
            f"active_jobs_{tag}.xml": build_active(types, ns, legacy),
            f"scheduled_jobs_{tag}.xml": build_scheduled(types, ns, legacy),
            f"job_logs_{tag}.xml": build_logs(types, ns, legacy, details=False),
            f"job_log_details_{tag}.xml": build_logs(types, ns, legacy, details=True),
        }
        for name, text in outputs.items():
            path = ANSWERS / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
    # a few shape variants: empty arrays, SOAP 1.2, another namespace version
    em_empty = envelope(NS_2016, "getActiveJobsReturn", "<ns1:jobArray></ns1:jobArray>")
    (ANSWERS / "active_jobs_empty_2016.xml").write_text(em_empty, encoding="utf-8")
    soap12 = build_active(TYPES_2016, NS_2016, False).replace(
        "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope")
    (ANSWERS / "active_jobs_soap12_2016.xml").write_text(soap12, encoding="utf-8")
    written += [ANSWERS / "active_jobs_empty_2016.xml", ANSWERS / "active_jobs_soap12_2016.xml"]
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path.relative_to(REPO))
