"""The job subset of the IPS schemas, as tables, written from IPS_JOBS_API.md §5.

One table per schema version. Each complex type (or operation element) is a sequence of
``Field``s in schema order. The same tables drive three things: the WSDLs we serve
(:mod:`.wsdl`), the generic XML renderer (:mod:`.xmlout`) and the request decoder
(:mod:`.soap`), so the answers can never drift from the WSDL that describes them.

Mini-language: ``"name:type"`` with an optional suffix ``?`` (minOccurs=0) or ``*``
(minOccurs=0, maxOccurs=unbounded). Simple types: s=string, i=int, b=boolean, d=double,
l=long, dt=dateTime. Anything else names a complex type of the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

WSDL_NS = "http://www.scene7.com/IpsApi"
NS_LEGACY = "http://www.scene7.com/IpsApi/xsd"
NS_2016 = "http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"
#: faults (and the legacy authHeader) always live in the unversioned namespace
FAULT_NS = NS_LEGACY

LEGACY = "legacy"
V2016 = "2016"
VERSION_NS = {LEGACY: NS_LEGACY, V2016: NS_2016}
NS_VERSION = {v: k for k, v in VERSION_NS.items()}


def version_of(namespace: str) -> str | None:
    """The table set for a request namespace: the legacy one, or any ``…/IpsApi/xsd/<version>``
    (2010-01-31, 2014-04-03, 2017-10-29-beta, 2023-01-15…, IPS_JOBS_API.md §10) read with the
    2016-01-14-beta tables, a floor for every later version [INFER]; None for anything else."""
    known = NS_VERSION.get(namespace)
    if known is not None:
        return known
    if namespace.startswith(NS_LEGACY + "/") and len(namespace) > len(NS_LEGACY) + 1 and "/" not in namespace[len(NS_LEGACY) + 1:]:
        return V2016
    return None

SIMPLE = {"s": "string", "i": "int", "b": "boolean", "d": "double", "l": "long", "dt": "dateTime"}


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str  # a SIMPLE key or a complex type name
    min_occurs: int = 1
    unbounded: bool = False

    @property
    def simple(self) -> bool:
        return self.type in SIMPLE


def _parse(spec: str) -> tuple[Field, ...]:
    out = []
    for tok in spec.split():
        name, _, typ = tok.partition(":")
        mn, unb = 1, False
        if typ.endswith("?"):
            typ, mn = typ[:-1], 0
        elif typ.endswith("*"):
            typ, mn, unb = typ[:-1], 0, True
        out.append(Field(name, typ, mn, unb))
    return tuple(out)


def _table(raw: dict[str, str]) -> dict[str, tuple[Field, ...]]:
    return {k: _parse(v) for k, v in raw.items()}


# --------------------------------------------------------------------------- legacy
_LEGACY_SUBJOBS = (
    "imageServingPublishJob:ImageServingPublishJob? imageRenderingPublishJob:ImageRenderingPublishJob? "
    "videoPublishJob:VideoPublishJob? serverDirectoryPublishJob:ServerDirectoryPublishJob? "
    "uploadDirectoryJob:UploadDirectoryJob? uploadUrlsJob:UploadUrlsJob?"
)
_LEGACY_UPLOAD_TAIL = (
    "manualCropOptions:ManualCropOptions? autoColorCropOptions:AutoColorCropOptions? "
    "autoTransparentCropOptions:AutoTransparentCropOptions? photoshopOptions:PhotoshopOptions? "
    "postScriptOptions:PostScriptOptions? colorManagementOptions:ColorManagementOptions? "
    "projectHandleArray:HandleArray? emailSetting:s postJobOnlyIfFiles:b? postHttpUrl:s? "
    "postImageServingPublishJob:ImageServingPublishJob? postImageRenderingPublishJob:ImageRenderingPublishJob? "
    "postVideoPublishJob:VideoPublishJob?"
)
_JOB_CONTROL = "companyHandle:s jobHandle:s"

LEGACY_TYPES = _table({
    "Company": "companyHandle:s name:s rootPath:s expires:dt?",
    "CompanyArray": "items:Company*",
    "HandleArray": "items:s*",
    "StringArray": "items:s*",
    "ActiveJob": "companyHandle:s jobHandle:s name:s originalName:s type:s state:s submitUserEmail:s "
                 "serverName:s startDate:dt totalSize:i progress:i progressMessage:s lastProgressUpdate:dt "
                 + _LEGACY_SUBJOBS,
    "ActiveJobArray": "items:ActiveJob*",
    "ScheduledJob": "companyHandle:s jobHandle:s name:s originalName:s type:s submitUserEmail:s "
                    "execSchedule:s? nextFireTime:dt? timeZone:s? triggerState:s? " + _LEGACY_SUBJOBS,
    "ScheduledJobArray": "items:ScheduledJob*",
    "ManualCropOptions": "left:i right:i top:i bottom:i",
    "AutoColorCropOptions": "corner:s tolerance:d",
    "AutoTransparentCropOptions": "tolerance:d",
    "PhotoshopOptions": "maintainLayers:b layerNaming:s anchor:s",
    "PostScriptOptions": "resolution:d colorspace:s extractSearchWords:b",
    "ColorManagementOptions": "colorManagement:s sourceProfileHandle:s? outputProfileHandle:s?",
    "UploadUrl": "sourceUrl:s destPath:s",
    "UploadUrlArray": "items:UploadUrl*",
    "ImageServingPublishJob": "publishType:s emailSetting:s httpCompletionUrl:s?",
    "ImageRenderingPublishJob": "emailSetting:s httpCompletionUrl:s?",
    "VideoPublishJob": "emailSetting:s httpCompletionUrl:s?",
    "ServerDirectoryPublishJob": "emailSetting:s httpCompletionUrl:s?",
    "UploadDirectoryJob": "destFolder:s? serverDir:s overwrite:b readyForPublish:b includeSubfolders:b "
                          "createMask:b processMetadataFiles:b " + _LEGACY_UPLOAD_TAIL,
    "UploadUrlsJob": "urlArray:UploadUrlArray overwrite:b readyForPublish:b createMask:b " + _LEGACY_UPLOAD_TAIL,
    "JobLogDetail": "logMessage:s logType:s assetName:s? assetType:s?",
    "JobLogDetailArray": "items:JobLogDetail*",
    "JobLog": "companyHandle:s jobHandle:s jobName:s submitUserEmail:s logType:s startDate:dt? endDate:dt? "
              "fileSuccessCount:i fileErrorCount:i fileWarningCount:i fileDuplicateCount:i fileUpdateCount:i "
              "totalFileCount:i fatalError:b detailArray:JobLogDetailArray?",
    "JobLogArray": "items:JobLog*",
})

LEGACY_ELEMENTS = _table({
    "getCompanyMembershipParam": "userHandle:s?",
    "getCompanyMembershipReturn": "companyArray:CompanyArray",
    "getCompanyInfoParam": "companyHandle:s? companyName:s?",
    "getCompanyInfoReturn": "companyInfo:Company",
    "getActiveJobsParam": "companyHandle:s? jobHandle:s? originalName:s?",
    "getActiveJobsReturn": "jobArray:ActiveJobArray",
    "getScheduledJobsParam": "companyHandle:s? jobHandle:s? originalName:s?",
    "getScheduledJobsReturn": "jobArray:ScheduledJobArray",
    "getJobLogsParam": "companyHandle:s? userHandle:s? sortBy:s? sortDirection:s? startDate:dt? endDate:dt? numRows:i?",
    "getJobLogsReturn": "jobLogArray:JobLogArray",
    "getJobLogDetailsParam": "companyHandle:s jobHandle:s? originalName:s?",
    "getJobLogDetailsReturn": "jobLogArray:JobLogArray",
    "submitJobParam": "companyHandle:s userHandle:s? jobName:s execTime:dt? execSchedule:s? " + _LEGACY_SUBJOBS,
    "submitJobReturn": "jobHandle:s",
    "stopJobParam": _JOB_CONTROL, "stopJobReturn": "",
    "pauseJobParam": _JOB_CONTROL, "pauseJobReturn": "",
    "resumeJobParam": _JOB_CONTROL, "resumeJobReturn": "",
    "executeJobParam": _JOB_CONTROL, "executeJobReturn": "",
    "deleteJobParam": _JOB_CONTROL, "deleteJobReturn": "",
})

#: the header and fault elements, in the unversioned namespace, identical in both WSDLs
FAULT_ELEMENTS = _table({
    "ipsApiFault": "code:i reason:s",
    "authenticationFault": "code:i reason:s",
    "authorizationFault": "code:i reason:s",
})
LEGACY_AUTH_HEADER = _parse(
    "user:s password:s locale:s? appName:s? appVersion:s? gzipResponse:b? faultHttpStatusCode:i?"
)

# --------------------------------------------------------------------------- 2016-01-14-beta
_OPTIONS_GROUP = (
    "knockoutBackgroundOptions:KnockoutBackgroundOptions? manualCropOptions:ManualCropOptions? "
    "autoColorCropOptions:AutoColorCropOptions? autoTransparentCropOptions:AutoTransparentCropOptions? "
    "photoshopOptions:PhotoshopOptions? postScriptOptions:PostScriptOptions? pdfOptions:PDFOptions? "
    "illustratorOptions:IllustratorOptions? colorManagementOptions:ColorManagementOptions? "
    "autoSetCreationOptions:AutoSetCreationOptions?"
)
_FOLLOW_ON = (
    "postImageServingPublishJob:ImageServingPublishJob? postImageRenderingPublishJob:ImageRenderingPublishJob? "
    "postVideoPublishJob:VideoPublishJob?"
)
_TRAILING_SIX = (
    "mediaOptions:MediaOptions? inDesignOptions:InDesignOptions? xmpKeywords:s? "
    "unsharpMaskOptions:UnsharpMaskOptions? unCompressOptions:UnCompressOptions? excludeMasterVideoFromAVS:b?"
)
SUBJOBS_ACTIVE_2016 = (
    "imageServingPublishJob:ImageServingPublishJob? imageRenderingPublishJob:ImageRenderingPublishJob? "
    "videoPublishJob:VideoPublishJob? serverDirectoryPublishJob:ServerDirectoryPublishJob? "
    "metadataPublishJob:MetadataPublishJob? uploadDirectoryJob:UploadDirectoryJob? uploadUrlsJob:UploadUrlsJob? "
    "uploadPostJob:UploadPostJob? optimizeImagesJob:OptimizeImagesJob? ripPdfsJob:RipPdfsJob? "
    "reprocessAssetsJob:ReprocessAssetsJob? createVideoSitemapJob:CreateVideoSitemapJob? exportJob:ExportJob? "
    "automatedSetGenerationJob:AutomatedSetGenerationJob?"
)
SUBJOBS_SCHEDULED_2016 = (
    "imageServingPublishJob:ImageServingPublishJob? imageRenderingPublishJob:ImageRenderingPublishJob? "
    "videoPublishJob:VideoPublishJob? serverDirectoryPublishJob:ServerDirectoryPublishJob? "
    "metadataPublishJob:MetadataPublishJob? uploadDirectoryJob:UploadDirectoryJob? uploadUrlsJob:UploadUrlsJob? "
    "optimizeImagesJob:OptimizeImagesJob? ripPdfsJob:RipPdfsJob? reprocessAssetsJob:ReprocessAssetsJob? "
    "createVideoSitemapJob:CreateVideoSitemapJob? exportJob:ExportJob? "
    "automatedSetGenerationJob:AutomatedSetGenerationJob?"
)

V2016_TYPES = _table({
    "Company": "companyHandle:s name:s rootPath:s expires:dt? imsOrgId:s?",
    "CompanyArray": "items:Company*",
    "CompanyMembership": "company:Company role:s isActive:b",
    "CompanyMembershipArray": "items:CompanyMembership*",
    "HandleArray": "items:s*",
    "StringArray": "items:s*",
    "TaskItemProgress": "itemName:s progress:d progressMessage:s lastProgressUpdate:dt",
    "TaskItemProgressArray": "items:TaskItemProgress*",
    "TaskProgress": "taskType:s taskState:s numProcessed:i numProcessing:i numPending:i progress:d "
                    "progressMessage:s lastProgressUpdate:dt taskItemProgressArray:TaskItemProgressArray",
    "TaskProgressArray": "items:TaskProgress*",
    "ActiveJob": "companyHandle:s jobHandle:s name:s originalName:s type:s state:s submitUserEmail:s "
                 "locale:s? description:s? serverName:s startDate:dt triggerTime:dt totalSize:i progress:i "
                 "progressMessage:s lastProgressUpdate:dt taskProgressArray:TaskProgressArray "
                 + SUBJOBS_ACTIVE_2016,
    "ActiveJobArray": "items:ActiveJob*",
    "ScheduledJob": "companyHandle:s jobHandle:s name:s originalName:s type:s submitUserEmail:s locale:s? "
                    "description:s? execSchedule:s? nextFireTime:dt? timeZone:s? triggerState:s? "
                    + SUBJOBS_SCHEDULED_2016,
    "ScheduledJobArray": "items:ScheduledJob*",
    # options
    "KnockoutBackgroundOptions": "corner:s tolerance:d? fillMethod:s",
    "ManualCropOptions": "left:i right:i top:i bottom:i",
    "AutoColorCropOptions": "corner:s tolerance:d",
    "AutoTransparentCropOptions": "tolerance:d",
    "PhotoshopLayerOptions": "layerNaming:s? anchor:s? createTemplate:b? extractText:b? extendLayers:b?",
    "PhotoshopOptions": "process:s? layerOptions:PhotoshopLayerOptions?",
    "PostScriptOptions": "process:s? resolution:d? colorspace:s? alpha:b? extractSearchWords:b?",
    "PDFOptions": "process:s? resolution:d? colorspace:s? pdfCatalog:b? extractSearchWords:b? extractLinks:b?",
    "IllustratorOptions": "process:s? resolution:d? colorspace:s? alpha:b?",
    "ColorManagementOptions": "colorManagement:s sourceProfileHandle:s? outputProfileHandle:s?",
    "AutoSetCreationOptions": "autoSetsArray:HandleArray?",
    "ThumbnailOptions": "thumbnailTime:l?",
    "MediaOptions": "videoEncodingPresetsArray:HandleArray? generateThumbnail:b? thumbnailOptions:ThumbnailOptions?",
    "InDesignOptions": "process:s?",
    "UnsharpMaskOptions": "amount:d? radius:d? threshold:i? monochrome:i?",
    "UnCompressOptions": "process:s",
    "UploadUrl": "sourceUrl:s destPath:s",
    "UploadUrlArray": "items:UploadUrl*",
    # sub-jobs
    "ImageServingPublishJob": "publishType:s emailSetting:s httpCompletionUrl:s? contextHandle:s?",
    "ImageRenderingPublishJob": "emailSetting:s httpCompletionUrl:s? contextHandle:s?",
    "VideoPublishJob": "emailSetting:s httpCompletionUrl:s? contextHandle:s?",
    "ServerDirectoryPublishJob": "emailSetting:s httpCompletionUrl:s?",
    "MetadataPublishJob": "forcePublish:b?",
    "OptimizeImagesJob": "emailSetting:s",
    "CreateVideoSitemapJob": "forceUpdate:b?",
    "ExportJob": "assetHandleArray:HandleArray fmt:s is_modifier:s? macro:s? emailSetting:s clientId:s?",
    "AutomatedSetGenerationJob": "assetHandleArray:HandleArray destFolder:s? readyForPublish:b "
                                 "autoSetCreationOptions:AutoSetCreationOptions emailSetting:s",
    "UploadDirectoryJob": "destFolder:s? serverDir:s overwrite:b readyForPublish:b preservePublishState:b? "
                          "includeSubfolders:b createMask:b processMetadataFiles:b preserveCrop:b? "
                          + _OPTIONS_GROUP + " projectHandleArray:HandleArray? emailSetting:s postJobOnlyIfFiles:b? "
                          "postHttpUrl:s? " + _FOLLOW_ON + " " + _TRAILING_SIX,
    "UploadUrlsJob": "urlArray:UploadUrlArray? numUrls:i? overwrite:b readyForPublish:b preservePublishState:b? "
                     "createMask:b preserveCrop:b? " + _OPTIONS_GROUP + " projectHandleArray:HandleArray? "
                     "emailSetting:s postJobOnlyIfFiles:b? postHttpUrl:s? " + _FOLLOW_ON + " " + _TRAILING_SIX,
    "UploadPostJob": "overwrite:b readyForPublish:b preservePublishState:b? createMask:b preserveCrop:b? "
                     + _OPTIONS_GROUP + " projectHandleArray:HandleArray? emailSetting:s postHttpUrl:s? "
                     + _TRAILING_SIX,
    "RipPdfsJob": "pdfHandleArray:HandleArray createMask:b knockoutBackgroundOptions:KnockoutBackgroundOptions? "
                  "manualCropOptions:ManualCropOptions? autoColorCropOptions:AutoColorCropOptions? "
                  "autoTransparentCropOptions:AutoTransparentCropOptions? postScriptOptions:PostScriptOptions? "
                  "pdfOptions:PDFOptions? illustratorOptions:IllustratorOptions? "
                  "colorManagementOptions:ColorManagementOptions? projectHandleArray:HandleArray? emailSetting:s "
                  "postHttpUrl:s? " + _FOLLOW_ON + " inDesignOptions:InDesignOptions?",
    "ReprocessAssetsJob": "assetHandleArray:HandleArray readyForPublish:b? preservePublishState:b? createMask:b "
                          "preserveCrop:b? knockoutBackgroundOptions:KnockoutBackgroundOptions? "
                          "manualCropOptions:ManualCropOptions? autoColorCropOptions:AutoColorCropOptions? "
                          "autoTransparentCropOptions:AutoTransparentCropOptions? photoshopOptions:PhotoshopOptions? "
                          "postScriptOptions:PostScriptOptions? pdfOptions:PDFOptions? mediaOptions:MediaOptions? "
                          "illustratorOptions:IllustratorOptions? colorManagementOptions:ColorManagementOptions? "
                          "autoSetCreationOptions:AutoSetCreationOptions? projectHandleArray:HandleArray? "
                          "emailSetting:s postJobOnlyIfFiles:b? postHttpUrl:s? " + _FOLLOW_ON + " "
                          "inDesignOptions:InDesignOptions? unsharpMaskOptions:UnsharpMaskOptions? "
                          "excludeMasterVideoFromAVS:b?",
    # logs
    "JobLogDetailAux": "logMessage:s logType:s dateCreated:dt?",
    "JobLogDetailAuxArray": "items:JobLogDetailAux*",
    "JobLogDetail": "logMessage:s logType:s dateCreated:dt assetName:s? assetType:s? assetHandle:s? "
                    "auxArray:JobLogDetailAuxArray?",
    "JobLogDetailArray": "items:JobLogDetail*",
    "JobLog": "companyHandle:s jobHandle:s jobName:s originalJobName:s submitUserEmail:s logType:s jobSubType:s "
              "startDate:dt? endDate:dt? description:s fileSuccessCount:i fileErrorCount:i fileWarningCount:i "
              "fileDuplicateCount:i fileUpdateCount:i totalFileCount:i transferSuccessCount:i "
              "transferErrorCount:i transferWarningCount:i fatalError:b detailTotalRows:i? "
              "detailArray:JobLogDetailArray?",
    "JobLogArray": "items:JobLog*",
})

V2016_ELEMENTS = _table({
    "getCompanyMembershipParam": "userHandle:s?",
    "getCompanyMembershipReturn": "membershipArray:CompanyMembershipArray",
    "getCompanyInfoParam": "companyHandle:s? companyName:s? imsOrgId:s?",
    "getCompanyInfoReturn": "companyInfo:Company",
    "getActiveJobsParam": "companyHandle:s? jobHandle:s? originalName:s? includeWaitingJobs:b?",
    "getActiveJobsReturn": "jobArray:ActiveJobArray",
    "getScheduledJobsParam": "companyHandle:s? jobHandle:s? originalName:s?",
    "getScheduledJobsReturn": "jobArray:ScheduledJobArray",
    "getJobLogsParam": "companyHandle:s? userHandle:s? sortBy:s? sortDirection:s? startDate:dt? endDate:dt? numRows:i?",
    "getJobLogsReturn": "jobLogArray:JobLogArray",
    "getJobLogDetailsParam": "companyHandle:s jobHandle:s? originalName:s? logTypeArray:StringArray? "
                             "recordsPerPage:i? resultsPage:i? sortBy:s? sortDirection:s?",
    "getJobLogDetailsReturn": "jobLogArray:JobLogArray",
    "submitJobParam": "companyHandle:s userHandle:s? jobName:s locale:s? execTime:dt? execSchedule:s? "
                      "description:s? " + SUBJOBS_SCHEDULED_2016,
    "submitJobReturn": "jobHandle:s",
    "stopJobParam": _JOB_CONTROL, "stopJobReturn": "",
    "pauseJobParam": _JOB_CONTROL, "pauseJobReturn": "",
    "resumeJobParam": _JOB_CONTROL, "resumeJobReturn": "",
    "executeJobParam": _JOB_CONTROL, "executeJobReturn": "",
    "deleteJobParam": _JOB_CONTROL, "deleteJobReturn": "",
})
V2016_AUTH_HEADER = _parse(
    "user:s? password:s? accessToken:s? samlResponse:s? locale:s? appName:s appVersion:s gzipResponse:b? "
    "faultHttpStatusCode:i?"
)

TYPES = {LEGACY: LEGACY_TYPES, V2016: V2016_TYPES}
ELEMENTS = {LEGACY: LEGACY_ELEMENTS, V2016: V2016_ELEMENTS}
AUTH_HEADERS = {LEGACY: LEGACY_AUTH_HEADER, V2016: V2016_AUTH_HEADER}

#: the operations we serve, in the order they appear in our WSDLs
OPERATIONS = (
    "getCompanyMembership", "getCompanyInfo", "getActiveJobs", "getScheduledJobs", "getJobLogs",
    "getJobLogDetails", "submitJob", "stopJob", "pauseJob", "resumeJob", "executeJob", "deleteJob",
)

#: sub-job element name -> (complex type name, ActiveJob/ScheduledJob ``type`` string)
#: The type strings of the newer jobs are [UNCONFIRMED]; see docs/SANDBOX.md.
SUBJOB_TYPES: dict[str, tuple[str, str]] = {
    "imageServingPublishJob": ("ImageServingPublishJob", "ImageServingPublish"),
    "imageRenderingPublishJob": ("ImageRenderingPublishJob", "ImageRenderingPublish"),
    "videoPublishJob": ("VideoPublishJob", "VideoPublish"),
    "serverDirectoryPublishJob": ("ServerDirectoryPublishJob", "ServerDirectoryPublish"),
    "metadataPublishJob": ("MetadataPublishJob", "MetadataPublish"),
    "uploadDirectoryJob": ("UploadDirectoryJob", "UploadFromServerDirectory"),
    "uploadUrlsJob": ("UploadUrlsJob", "UrlUpload"),
    "uploadPostJob": ("UploadPostJob", "UploadPost"),
    "optimizeImagesJob": ("OptimizeImagesJob", "ImageOptimization"),
    "ripPdfsJob": ("RipPdfsJob", "RipPdfs"),
    "reprocessAssetsJob": ("ReprocessAssetsJob", "ReprocessAssets"),
    "createVideoSitemapJob": ("CreateVideoSitemapJob", "CreateVideoSitemap"),
    "exportJob": ("ExportJob", "Export"),
    "automatedSetGenerationJob": ("AutomatedSetGenerationJob", "AutomatedSetGeneration"),
}
SUBJOB_ELEMENTS = tuple(SUBJOB_TYPES)


def subjob_fields(version: str, container: str) -> frozenset[str]:
    """The sub-job element names a container (ActiveJob, ScheduledJob, submitJobParam) has."""
    table = ELEMENTS[version] if container.endswith("Param") else TYPES[version]
    return frozenset(f.name for f in table[container] if f.name in SUBJOB_TYPES)
