"""Typed assignments that make ``mypy --strict`` prove each HTX class satisfies its interface."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from carpenstar_bybit.Core.Connection import Signer
    from carpenstar_bybit.Core.Interfaces import (
        ICurlResponseDtoInterface,
        IEndpointInterface,
        IParametersInterface,
        IResponseHandlerInterface,
    )
    from carpenstar_bybit.Htx.Auth import HtxSigner
    from carpenstar_bybit.Htx.Response import HtxResponseDto, HtxResponseHandler
    from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
    from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Interfaces import (
        ISwapCancelAllRequestInterface,
        ISwapCancelAllResponseInterface,
    )
    from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
    from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Response import SwapCancelAllResponse
    from carpenstar_bybit.Htx.Swap.Trade.SwapOpenOrders import SwapOpenOrders
    from carpenstar_bybit.Htx.Swap.Trade.SwapOpenOrders.Interfaces import (
        ISwapOpenOrdersRequestInterface,
        ISwapOpenOrdersResponseInterface,
    )
    from carpenstar_bybit.Htx.Swap.Trade.SwapOpenOrders.Request import SwapOpenOrdersRequest
    from carpenstar_bybit.Htx.Swap.Trade.SwapOpenOrders.Response import SwapOpenOrdersResponse
    from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
    from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Interfaces import (
        ICancelAllOrdersRequestInterface,
        ICancelAllOrdersResponseInterface,
    )
    from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest
    from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Response import CancelAllOrdersResponse

    def _conforms(
        signer: HtxSigner,
        v5_request: CancelAllOrdersRequest,
        v5_response: CancelAllOrdersResponse,
        swap_request: SwapCancelAllRequest,
        swap_response: SwapCancelAllResponse,
        answer: HtxResponseDto,
        handler: HtxResponseHandler,
        v5_endpoint: CancelAllOrders,
        swap_endpoint: SwapCancelAll,
        list_request: SwapOpenOrdersRequest,
        list_response: SwapOpenOrdersResponse,
        list_endpoint: SwapOpenOrders,
    ) -> None:
        _a: Signer = signer
        _b: ICancelAllOrdersRequestInterface = v5_request
        _c: ICancelAllOrdersResponseInterface = v5_response
        _d: ISwapCancelAllRequestInterface = swap_request
        _e: ISwapCancelAllResponseInterface = swap_response
        _f: ICurlResponseDtoInterface = answer
        _g: IResponseHandlerInterface = handler
        _h: IEndpointInterface = v5_endpoint
        _i: IEndpointInterface = swap_endpoint
        _j: IParametersInterface = v5_request
        _k: IParametersInterface = swap_request
        _l: ISwapOpenOrdersRequestInterface = list_request
        _m: ISwapOpenOrdersResponseInterface = list_response
        _n: IEndpointInterface = list_endpoint
        _o: IParametersInterface = list_request
